import { toMillis } from '../../consent/domain/shared/instant';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { subjectEventOf } from '../application/subject-event-of';
import type { ErasureWorkflowSteps } from './erasure-workflow-steps';
import { OpenCategoryErasuresTable } from './open-category-erasures.table';
import { retryTransient } from './retry-transient';

export const ERASURE_NOTIFIER = 'erasure_notifier';

/**
 * The workflow's first step, driven by the feed rather than by the request that appended
 * the erasure request: once `erasure-requested` is in the log, every recipient the data went
 * to gets its `erasure-processor-notified` event, even if the process dies right after the
 * request (the projector resumes from its checkpoint and the step is idempotent). A sync
 * recorded later in a category of an open category erasure sets the step off again.
 *
 * A reactor, not a read model: `apply` appends to the subject's stream. Its ids derive from
 * the triggering event, so replaying (a crash before the checkpoint, a rebuild) appends
 * nothing twice.
 */
export class ErasureNotifierProjection implements Projection {
  readonly name = ERASURE_NOTIFIER;
  readonly version = 1;
  readonly open = new OpenCategoryErasuresTable(ERASURE_NOTIFIER);

  constructor(private readonly steps: ErasureWorkflowSteps) {}

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.open.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.open.drop(tx);
  }

  async apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const fed = subjectEventOf(recorded);
    if (!fed) return;
    const { tenantId, subjectId, event } = fed;
    const notify = (erasureId: string, requestedAt: number) =>
      retryTransient(() =>
        this.steps.recordNotifications({
          tenantId,
          subjectId,
          erasureId,
          requestedAt,
          eventId: recorded.id,
        }),
      );
    switch (event.type) {
      case 'erasure-requested': {
        const requestedAt = toMillis(event.occurredAt);
        if (event.scope.kind === 'categories') {
          await this.open.insert(tx, tenantId, subjectId, {
            erasureId: event.erasureId,
            categories: event.scope.categories,
            requestedAt,
          });
        }
        await notify(event.erasureId, requestedAt);
        return;
      }
      case 'sync-recorded':
        for (const erasure of await this.open.covering(tx, tenantId, subjectId, event.category)) {
          await notify(erasure.erasureId, erasure.requestedAt);
        }
        return;
      case 'erasure-completed':
        await this.open.remove(tx, tenantId, subjectId, event.erasureId);
        return;
      default:
        return;
    }
  }
}
