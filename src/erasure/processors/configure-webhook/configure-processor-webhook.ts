import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { PolicyReader } from '../../../consent';
import { DomainError } from '../../../shared/domain/domain-error';
import { toIso } from '../../../shared/time/instant';
import type { AppConfig } from '../../../config';
import { APP_CONFIG } from '../../../config';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../event-store';
import { RequestValidationError } from '../../../http';
import { WebhookDispatcher } from '../../webhooks/delivery/webhook-dispatcher';
import type { WebhookOutbox } from '../../webhooks/outbox/webhook-outbox.port';
import type { HostResolver } from '../../webhooks/safety/host-resolver';
import { checkWebhookTarget } from '../../webhooks/safety/webhook-target';
import type { WebhookSecrets } from '../../webhooks/secrets/webhook-secrets';
import {
  encodeWebhookSecret,
  generateWebhookSecret,
} from '../../webhooks/signing/standard-webhook-signature';
import { WEBHOOK_OUTBOX, WEBHOOK_RESOLVER, WEBHOOK_SECRETS } from '../../webhooks/webhooks.tokens';
import type { ProcessorEvent, WebhookEventType } from '../domain/processor-webhook.events';
import { decodeProcessorEvent } from '../domain/processor-event-decoder';
import { DEFAULT_WEBHOOK_EVENTS } from '../domain/processor-webhook.events';
import { decideConfigureWebhook, foldWebhooks } from '../domain/processor-webhooks';
import { processorsStream } from '../processors-stream';
import type { ConfiguredWebhookView } from './configured-webhook.view';

export interface ConfigureWebhookInput {
  readonly tenantId: string;
  readonly recipient: string;
  readonly url: string;
  readonly rotateSecret: boolean;
  readonly events?: readonly WebhookEventType[];
}

/**
 * Sets a recipient's webhook (ADR 0015). The URL passes the safety rules now (and again at
 * every delivery). A new secret is stored wrapped *before* the event that puts it in force
 * is appended, so the log never names a secret the key store lacks; an append that fails
 * removes it again, and a rotation removes the secret it replaced. The plaintext leaves
 * only in this call's answer.
 */
@Injectable()
export class ConfigureProcessorWebhook {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
    @Inject(WEBHOOK_SECRETS) private readonly secrets: WebhookSecrets,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    private readonly policies: PolicyReader,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async configure(input: ConfigureWebhookInput): Promise<ConfiguredWebhookView> {
    const { tenantId, recipient } = input;
    const target = await checkWebhookTarget(input.url, this.config.webhooks, this.resolve);
    if (!target.ok) throw new RequestValidationError([{ field: 'url', message: target.message }]);
    const url = target.url.href;
    const recipients = await this.policyRecipients(tenantId);

    const stream = processorsStream(tenantId);
    const recorded = await this.store.readStream(stream);
    const before = foldWebhooks(recorded.map((e) => decodeProcessorEvent(e.data)));
    const newSecretId = randomUUID();
    const events = decideConfigureWebhook(
      {
        tenantId,
        recipient,
        url,
        recipients,
        rotateSecret: input.rotateSecret,
        ...(input.events === undefined ? {} : { events: input.events }),
        newSecretId,
        now: toIso(this.clock.now()),
      },
      before,
    );
    const current = before.get(recipient);
    const event = events[0];
    if (!event) {
      const { secretId: _secretId, ...view } = current!;
      return { ...view, secretIssued: false, consistencyToken: null };
    }

    const secret = event.secretRotated ? generateWebhookSecret() : undefined;
    try {
      if (secret) await this.secrets.store(tenantId, recipient, newSecretId, secret);
      const appended = await this.append(stream, recorded.length - 1, event);
      if (secret && current) await this.secrets.remove(tenantId, recipient, current.secretId);
      await this.outbox.wake(tenantId, recipient, Date.now());
      this.dispatcher.nudge();
      return {
        recipient,
        url,
        configuredAt: event.occurredAt,
        secretIssuedAt: secret ? event.occurredAt : current!.secretIssuedAt,
        events: event.events ?? DEFAULT_WEBHOOK_EVENTS,
        secretIssued: secret !== undefined,
        ...(secret ? { secret: encodeWebhookSecret(secret) } : {}),
        consistencyToken: appended.toString(),
      };
    } catch (error) {
      if (secret)
        await this.secrets.remove(tenantId, recipient, newSecretId).catch(() => undefined);
      throw error;
    } finally {
      secret?.fill(0);
    }
  }

  private async append(stream: string, revision: number, event: ProcessorEvent): Promise<bigint> {
    const result = await this.store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: event.type,
          data: { ...event },
          metadata: { tenantId: event.tenantId },
        },
      ],
      revision < 0 ? 'no_stream' : revision,
    );
    return result.position;
  }

  private async policyRecipients(tenantId: string): Promise<string[]> {
    const latest = (await this.policies.history(tenantId)).latest;
    if (!latest) {
      throw new DomainError(
        'policy-not-published',
        'the tenant has no policy yet; publish one naming the recipient first',
      );
    }
    return latest.document.recipients.map((r) => r.key);
  }
}
