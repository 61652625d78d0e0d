import { Injectable } from '@nestjs/common';
import { type FeedChange, FeedReader } from '../../../feed';
import type { ChangeRange, WebhookDelivery } from '../outbox/webhook-delivery';
import { CHANGES_PER_DELIVERY } from './change-batches';

/** What a processor receives for its permission changes (Standard Webhooks envelope). */
interface ChangeWebhookPayload {
  readonly type: 'consent.changed';
  /** When the batch was enqueued: the same in every attempt. */
  readonly timestamp: string;
  readonly data: {
    readonly tenantId: string;
    readonly recipient: string;
    /** The feed's changes for the recipient with a position in (after, upTo], in order. */
    readonly changes: readonly FeedChange[];
    readonly after: number;
    readonly upTo: number;
  };
}

/**
 * Builds a batch's payload at send time from the feed, which holds pseudonyms only.
 * Undefined while the feed does not reach `upTo` (a rebuild in progress): the attempt fails
 * and a later one finds the same changes.
 */
@Injectable()
export class ChangeWebhookPayloads {
  constructor(private readonly feed: FeedReader) {}

  async build(
    delivery: WebhookDelivery,
    range: ChangeRange,
  ): Promise<ChangeWebhookPayload | undefined> {
    const { tenantId, recipient } = delivery;
    const page = await this.feed.page(tenantId, range.after, CHANGES_PER_DELIVERY, {
      recipients: [recipient],
    });
    const changes = page.filter((change) => change.position <= range.upTo);
    if (changes.at(-1)?.position !== range.upTo) return undefined;
    return {
      type: 'consent.changed',
      timestamp: new Date(delivery.createdAt).toISOString(),
      data: { tenantId, recipient, changes, after: range.after, upTo: range.upTo },
    };
  }
}
