import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig, WebhookSettings } from '../../../config';
import { APP_CONFIG } from '../../../config';
import { ProcessorWebhooksReader } from '../../processors/processor-webhooks.reader';
import { ChangeBatches } from '../changes/change-batches';
import { ChangeWebhookPayloads } from '../changes/change-webhook-payload';
import type { AttemptRecord, WebhookDelivery } from '../outbox/webhook-delivery';
import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import type { HostResolver } from '../safety/host-resolver';
import { checkWebhookTarget } from '../safety/webhook-target';
import type { WebhookSecrets } from '../secrets/webhook-secrets';
import { signWebhook } from '../signing/standard-webhook-signature';
import { WEBHOOK_OUTBOX, WEBHOOK_RESOLVER, WEBHOOK_SECRETS } from '../webhooks.tokens';
import { ErasureWebhookPayloads } from './erasure-webhook-payload';
import { nextAttemptAfter } from './retry-schedule';
import { sendWebhook, type SendOutcome } from './webhook-sender';
import { WebhookMetrics } from './webhook-metrics';

/** Deliveries leased and sent concurrently per round. */
const BATCH_SIZE = 8;
/**
 * Added to twice the response time limit (which bounds a whole send, connecting included)
 * before another process may take a lease over: enough for the store calls around the
 * send, short enough that a delivery leased by a process that died is retried soon after.
 */
const LEASE_MARGIN_MS = 5000;

/** A send's outcome, or the kind of failure that kept the attempt from sending. */
interface Attempt {
  readonly kind:
    SendOutcome['kind'] | `target-${string}` | 'payload-unavailable' | 'secret-unavailable';
  readonly status?: number;
}

/**
 * Sends the outbox's due deliveries (ADR 0015): erasure notices and batches of permission
 * changes alike (ADR 0046). Each round leases a few due rows (so
 * replicas, or a CLI run beside the service, never send the same one at the same time),
 * sends them, and records each attempt's outcome with the next due time: exponential
 * backoff with jitter, up to `WEBHOOK_MAX_ATTEMPTS`. A recipient without a webhook waits
 * as `unconfigured`, not failed. Delivery is at least once: a crash after the send and
 * before the record sends again, with the same `webhook-id`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly settings: WebhookSettings;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private nudged = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_SECRETS) private readonly secrets: WebhookSecrets,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
    private readonly webhooks: ProcessorWebhooksReader,
    private readonly payloads: ErasureWebhookPayloads,
    private readonly changeBatches: ChangeBatches,
    private readonly changePayloads: ChangeWebhookPayloads,
    private readonly metrics: WebhookMetrics,
  ) {
    this.settings = config.webhooks;
  }

  onApplicationBootstrap(): void {
    if (this.settings.dispatch) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** Something became due (a webhook was configured): look now rather than at the next poll. */
  nudge(): void {
    if (!this.settings.dispatch || this.stopped) return;
    if (this.round) this.nudged = true;
    else this.schedule(0);
  }

  /**
   * One round: leases and sends up to a batch of due deliveries; returns how many it
   * handled. The background loop calls it; tests may too (leases keep the two apart).
   */
  async dispatchDue(): Promise<number> {
    await this.enqueueChanges();
    const now = Date.now();
    const lease = 2 * this.settings.responseTimeoutMs + LEASE_MARGIN_MS;
    const due = await this.outbox.claimDue(now, BATCH_SIZE, lease);
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length;
  }

  /**
   * Permission changes become deliveries here rather than in a projection: the feed is a
   * read model, and its batches are cut from what it holds (ADR 0046). A failure here
   * (the feed being rebuilt) must not hold up the erasure notices.
   */
  private async enqueueChanges(): Promise<void> {
    try {
      await this.changeBatches.enqueueDue(Date.now());
    } catch (error) {
      this.logger.warn({ msg: 'consent-change batches could not be enqueued now', err: error });
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runRound(), delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    if (this.round || this.stopped) return;
    let handled = 0;
    this.round = this.dispatchDue().then(
      (count) => {
        handled = count;
      },
      (error: unknown) => {
        this.logger.warn({ msg: 'webhook dispatch round failed; retrying later', err: error });
      },
    );
    await this.round;
    this.round = undefined;
    const again = this.nudged || handled === BATCH_SIZE;
    this.nudged = false;
    this.schedule(again ? 0 : this.settings.pollIntervalMs);
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    try {
      const webhook = (await this.webhooks.current(delivery.tenantId)).webhooks.get(
        delivery.recipient,
      );
      if (!webhook) {
        await this.outbox.markUnconfigured(
          delivery.deliveryId,
          Date.now() + this.settings.unconfiguredRecheckMs,
        );
        return;
      }
      const attempt = await this.attempt(delivery, webhook.url, webhook.secretId);
      await this.record(delivery, attempt);
    } catch (error) {
      // A store failure: the lease runs out and a later round tries again.
      this.logger.warn({
        msg: 'webhook delivery could not be processed; it stays due',
        deliveryId: delivery.deliveryId,
        err: error,
      });
    }
  }

  private async attempt(
    delivery: WebhookDelivery,
    url: string,
    secretId: string,
  ): Promise<Attempt> {
    const target = await checkWebhookTarget(url, this.settings, this.resolve);
    if (!target.ok) return { kind: `target-${target.kind}` };
    const payload = delivery.changes
      ? await this.changePayloads.build(delivery, delivery.changes)
      : await this.payloads.build(delivery);
    if (!payload) return { kind: 'payload-unavailable' };
    const secret = await this.secrets.open(delivery.tenantId, delivery.recipient, secretId);
    if (!secret) return { kind: 'secret-unavailable' };
    const body = JSON.stringify(payload);
    let headers;
    try {
      headers = signWebhook(secret, delivery.deliveryId, Date.now() / 1000, body);
    } finally {
      secret.fill(0);
    }
    return sendWebhook({
      url: target.url,
      address: target.address,
      headers: { ...headers },
      body,
      connectTimeoutMs: this.settings.connectTimeoutMs,
      responseTimeoutMs: this.settings.responseTimeoutMs,
    });
  }

  private async record(delivery: WebhookDelivery, attempt: Attempt): Promise<void> {
    const at = Date.now();
    const attempts = delivery.attempts + 1;
    const delivered = attempt.kind === 'delivered';
    const next = delivered ? undefined : nextAttemptAfter(attempts, at, this.settings);
    const record: AttemptRecord = {
      at,
      status: attempt.status ?? null,
      error: delivered ? null : attempt.kind,
      state: delivered ? 'delivered' : next === undefined ? 'failed' : 'failing',
      nextAttemptAt: next ?? at,
    };
    await this.outbox.recordAttempt(delivery.deliveryId, record);
    this.metrics.attempted(delivery.tenantId, attempt.kind);
    if (record.state === 'failed') {
      this.logger.warn({
        msg: 'webhook delivery given up after its last attempt',
        type: delivery.changes ? 'consent.changed' : 'erasure.requested',
        tenantId: delivery.tenantId,
        recipient: delivery.recipient,
        deliveryId: delivery.deliveryId,
        attempts,
        lastError: record.error,
        lastStatus: record.status,
      });
    }
  }
}
