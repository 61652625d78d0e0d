import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { subjectEventOf } from '../application/subject-event-of';
import { retryTransient } from '../workflow/retry-transient';
import type { SubjectShredder } from './subject-shredder';

export const ERASURE_SHREDDER = 'erasure_shredder';

/**
 * Shreds the subject once an account erasure is completed. Driven by the
 * `erasure-completed` event in the feed, not by the request that appended it: if the
 * process dies between the append and the shredding, the projector resumes from its
 * checkpoint (saved only after `apply` returned) and shreds then. Shredding is idempotent,
 * so applying an event twice (a crash after shredding but before the checkpoint, a
 * rebuild) does no harm. Keeps no tables: its checkpoint is all its state.
 */
export class ErasureShredderProjection implements Projection {
  readonly name = ERASURE_SHREDDER;
  readonly version = 1;

  constructor(private readonly shredder: SubjectShredder) {}

  setup(): Promise<void> {
    return Promise.resolve();
  }

  drop(): Promise<void> {
    return Promise.resolve();
  }

  async apply(recorded: RecordedEvent, _tx: ReadStoreTransaction): Promise<void> {
    const fed = subjectEventOf(recorded);
    if (fed?.event.type !== 'erasure-completed' || fed.event.scope.kind !== 'account') return;
    const { tenantId, subjectId } = fed;
    await retryTransient(() => this.shredder.shred(tenantId, subjectId));
  }
}
