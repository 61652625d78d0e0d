import type { RecordedEvent } from '../../../event-store/event-store.port';
import type { Projection } from '../../../projections';
import type { ReadStoreTransaction } from '../../../read-store/read-store.port';
import { subjectEventOf } from '../../application/subject-event-of';
import { retryTransient } from '../../workflow/retry-transient';
import { deliveryIdOf } from './delivery-id';
import type { WebhookOutbox } from './webhook-outbox.port';

export const ERASURE_WEBHOOK_OUTBOX = 'erasure_webhook_outbox';

/**
 * Turns each `erasure-processor-notified` event into exactly one delivery in the outbox.
 * A reactor, not a read model: the outbox lives in the key store's database, which no
 * rebuild touches, and the delivery id derives from the event id, so replaying the event
 * (a crash before the checkpoint, `consent-ledger rebuild`) adds nothing and resets nothing:
 * a delivered notification stays delivered, a pending one stays pending (ADR 0015).
 */
export class ErasureWebhookOutboxProjection implements Projection {
  readonly name = ERASURE_WEBHOOK_OUTBOX;
  readonly version = 1;

  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly onEnqueued: () => void = () => undefined,
  ) {}

  setup(): Promise<void> {
    return Promise.resolve();
  }

  drop(): Promise<void> {
    return Promise.resolve();
  }

  async apply(recorded: RecordedEvent, _tx: ReadStoreTransaction): Promise<void> {
    const fed = subjectEventOf(recorded);
    if (fed?.event.type !== 'erasure-processor-notified') return;
    const { tenantId, subjectId, event } = fed;
    await retryTransient(() =>
      this.outbox.enqueue({
        deliveryId: deliveryIdOf(recorded.id),
        tenantId,
        subjectId,
        erasureId: event.erasureId,
        recipient: event.recipient,
        createdAt: recorded.recordedAt.getTime(),
      }),
    );
    this.onEnqueued();
  }
}
