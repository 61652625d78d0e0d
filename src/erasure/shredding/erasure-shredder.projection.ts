import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { subjectEventOf } from '../application/subject-event-of';
import { retryTransient } from '../workflow/retry-transient';
import type { SubjectShredder } from './subject-shredder';

export const ERASURE_SHREDDER = 'erasure_shredder';

/**
 * Shreds the subject once an account erasure is completed (and redacts its ciphertext on the
 * SQL stores); redacts the erased categories' locations once a category erasure is. Driven by the
 * `erasure-completed` event in the feed, not by the request that appended it: if the
 * process dies between the append and the shredding, the projector resumes from its
 * checkpoint (saved only after `apply` returned) and shreds then. Shredding is idempotent,
 * so applying an event twice (a crash after shredding but before the checkpoint, a
 * rebuild) does no harm. Keeps no tables: its checkpoint is all its state.
 */
export class ErasureShredderProjection implements Projection {
  readonly name = ERASURE_SHREDDER;
  /** 2: redaction (ADR 0017); the replay this starts redacts erasures completed before it. */
  readonly version = 2;

  constructor(private readonly shredder: SubjectShredder) {}

  setup(): Promise<void> {
    return Promise.resolve();
  }

  drop(): Promise<void> {
    return Promise.resolve();
  }

  async apply(recorded: RecordedEvent, _tx: ReadStoreTransaction): Promise<void> {
    const fed = subjectEventOf(recorded);
    if (fed?.event.type !== 'erasure-completed') return;
    const { tenantId, subjectId } = fed;
    const { scope } = fed.event;
    if (scope.kind === 'account') {
      await retryTransient(() => this.shredder.shred(tenantId, subjectId));
    } else {
      const { categories } = scope;
      await retryTransient(() =>
        this.shredder.redactErasedCategories(tenantId, subjectId, categories),
      );
    }
  }
}
