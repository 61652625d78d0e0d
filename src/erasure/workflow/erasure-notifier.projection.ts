import { toMillis } from '../../shared/time/instant';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { subjectEventOf, type SubjectFeedEvent } from '../application/subject-event-of';
import type { ErasureWorkflowSteps } from './erasure-workflow-steps';
import {
  type OpenCategoryErasure,
  OpenCategoryErasuresTable,
} from './open-category-erasures.table';
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

  apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    return this.applyBatch([recorded], tx);
  }

  /**
   * The open category erasures of every subject with a recorded sync in the batch are read
   * once, up front, and kept up to date in memory as the batch's requests open and its
   * completions close them, so a recorded sync costs no query of its own. Events are
   * handled in feed order, notifications included.
   */
  async applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const fed = events.flatMap((recorded) => {
      const event = subjectEventOf(recorded);
      return event ? [{ recorded, ...event }] : [];
    });
    const open = await this.openErasuresOfSyncingSubjects(fed, tx);
    for (const { recorded, tenantId, subjectId, event } of fed) {
      const key = subjectKey(tenantId, subjectId);
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
            const erasure = {
              erasureId: event.erasureId,
              categories: event.scope.categories,
              requestedAt,
            };
            await this.open.insert(tx, tenantId, subjectId, erasure);
            const known = open.get(key);
            if (known) {
              known.push(erasure);
              known.sort((a, b) => (a.erasureId < b.erasureId ? -1 : 1));
            }
          }
          await notify(event.erasureId, requestedAt);
          break;
        }
        case 'sync-recorded':
          for (const erasure of open.get(key) ?? []) {
            if (erasure.categories.includes(event.category)) {
              await notify(erasure.erasureId, erasure.requestedAt);
            }
          }
          break;
        case 'erasure-completed': {
          await this.open.remove(tx, tenantId, subjectId, event.erasureId);
          const known = open.get(key);
          if (known)
            open.set(
              key,
              known.filter((e) => e.erasureId !== event.erasureId),
            );
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * By subject key, the open category erasures of every subject with a recorded sync among
   * `fed`, as they stand before the batch (an empty list when it has none).
   */
  private async openErasuresOfSyncingSubjects(
    fed: readonly SubjectFeedEvent[],
    tx: ReadStoreTransaction,
  ): Promise<Map<string, OpenCategoryErasure[]>> {
    const syncing = new Map<string, Set<string>>();
    for (const { tenantId, subjectId, event } of fed) {
      if (event.type !== 'sync-recorded') continue;
      const subjects = syncing.get(tenantId) ?? new Set<string>();
      subjects.add(subjectId);
      syncing.set(tenantId, subjects);
    }
    const open = new Map<string, OpenCategoryErasure[]>();
    for (const [tenantId, subjects] of syncing) {
      const stored = await this.open.openFor(tx, tenantId, [...subjects]);
      for (const subjectId of subjects) {
        open.set(subjectKey(tenantId, subjectId), stored.get(subjectId) ?? []);
      }
    }
    return open;
  }
}

function subjectKey(tenantId: string, subjectId: string): string {
  return `${tenantId}\u0000${subjectId}`;
}
