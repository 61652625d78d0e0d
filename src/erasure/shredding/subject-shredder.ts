import { Inject, Injectable } from '@nestjs/common';
import { subjectStream } from '../../shared/tenancy/stream-names';
import { eventRedactionOf, type RedactEvent, EVENT_STORE } from '../../event-store';
import type { EventStore } from '../../event-store/event-store.port';
import { SUBJECT_KEYS, SUBJECT_LOOKUP } from '../../keys';
import type { SubjectKeyStore } from '../../keys/subject-keys/subject-key-store.port';
import type { SubjectLookup } from '../../keys/subject-lookup/subject-lookup.port';
import { redactAccount, redactCategories } from './redact-personal-fields';

/**
 * Crypto-shredding of one subject (DESIGN.md, ADR 0008): destroys the data key, so every
 * sealed field in the log becomes unreadable for good, then forgets the pairing of the app's
 * id with the pseudonym; on the SQL event stores it then redacts the ciphertext to its
 * digest and reclaims the old bytes (ADR 0017). Every step is idempotent, so shredding may
 * run again at any time (after a crash, on a rebuild) with the same result.
 */
@Injectable()
export class SubjectShredder {
  constructor(
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(SUBJECT_LOOKUP) private readonly lookup: SubjectLookup,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async shred(tenantId: string, subjectId: string): Promise<void> {
    // The key first: once it is gone nothing personal can be read, whatever happens next.
    await this.keys.destroy(tenantId, subjectId);
    await this.lookup.forget(tenantId, subjectId);
    await this.redact(tenantId, subjectId, redactAccount);
  }

  /** A category erasure keeps the key: only the erased categories' locations are redacted. */
  async redactErasedCategories(
    tenantId: string,
    subjectId: string,
    categories: readonly string[],
  ): Promise<void> {
    await this.redact(tenantId, subjectId, redactCategories(categories));
  }

  /** KurrentDB cannot rewrite events: there the ciphertext stays, under a destroyed key. */
  private async redact(tenantId: string, subjectId: string, redact: RedactEvent): Promise<void> {
    const redaction = eventRedactionOf(this.store);
    if (redaction === undefined) return;
    await redaction.redactStream(subjectStream(tenantId, subjectId), redact);
    // Also after a replay that changed nothing: the crash may have come before the reclaim.
    await redaction.reclaimRedactedSpace();
  }
}
