import { Inject, Injectable } from '@nestjs/common';
import { FeedReader } from '../../../feed';
import { ProcessorWebhooksReader } from '../../processors/processor-webhooks.reader';
import { changeDeliveryIdOf } from '../outbox/delivery-id';
import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import { WEBHOOK_OUTBOX } from '../webhooks.tokens';

/** Most permission changes in one `consent.changed` delivery. */
export const CHANGES_PER_DELIVERY = 100;

/**
 * Turns a recipient's new feed changes into `consent.changed` deliveries (ADR 0046). The
 * cursor is the outbox itself: the next batch starts after the highest `upTo` enqueued for
 * the recipient, and is enqueued only once that batch was delivered, so batches go out one
 * at a time, in feed order. Both the cursor and the deliveries live in the key store's
 * database: a crash or a read-store rebuild neither loses a batch nor sends one again (the
 * feed's positions are the same after a rebuild; a feed still behind yields nothing new).
 */
@Injectable()
export class ChangeBatches {
  /** Per (tenant, recipient): the tenant head at which it was last found caught up. */
  private readonly caughtUp = new Map<string, number>();

  constructor(
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    private readonly feed: FeedReader,
    private readonly webhooks: ProcessorWebhooksReader,
  ) {}

  /** Enqueues the next batch of every subscribed recipient that has one due; returns how many. */
  async enqueueDue(now: number): Promise<number> {
    let enqueued = 0;
    for (const { tenantId, head } of await this.feed.tenantHeads()) {
      const { webhooks } = await this.webhooks.current(tenantId);
      for (const webhook of webhooks.values()) {
        if (!webhook.events.includes('consent.changed')) continue;
        if (await this.enqueueNext(tenantId, webhook.recipient, head, now)) enqueued += 1;
      }
    }
    return enqueued;
  }

  private async enqueueNext(
    tenantId: string,
    recipient: string,
    head: number,
    now: number,
  ): Promise<boolean> {
    const key = `${tenantId}\u0000${recipient}`;
    if (this.caughtUp.get(key) === head) return false;
    const latest = await this.outbox.latestChanges(tenantId, recipient);
    if (latest && latest.state !== 'delivered') return false;
    const after = latest?.changes?.upTo ?? 0;
    const page =
      head > after
        ? await this.feed.page(tenantId, after, CHANGES_PER_DELIVERY, { recipients: [recipient] })
        : [];
    const upTo = page.at(-1)?.position;
    if (upTo === undefined) {
      this.caughtUp.set(key, head);
      return false;
    }
    await this.outbox.enqueueChanges({
      deliveryId: changeDeliveryIdOf(tenantId, recipient, upTo),
      tenantId,
      recipient,
      after,
      upTo,
      createdAt: now,
    });
    return true;
  }
}
