import { Inject, Injectable } from '@nestjs/common';
import { SUBJECT_KEYS, SUBJECT_LOOKUP } from '../../keys/keys.tokens';
import type { SubjectKeyStore } from '../../keys/subject-keys/subject-key-store.port';
import type { SubjectLookup } from '../../keys/subject-lookup/subject-lookup.port';

/**
 * Crypto-shredding of one subject (DESIGN.md, ADR 0008): destroys the data key, so every
 * sealed field in the log becomes unreadable for good, then forgets the pairing of the app's
 * id with the pseudonym. Both calls are idempotent, so shredding may run again at any time
 * (after a crash, on a rebuild) with the same result.
 */
@Injectable()
export class SubjectShredder {
  constructor(
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(SUBJECT_LOOKUP) private readonly lookup: SubjectLookup,
  ) {}

  async shred(tenantId: string, subjectId: string): Promise<void> {
    // The key first: once it is gone nothing personal can be read, whatever happens next.
    await this.keys.destroy(tenantId, subjectId);
    await this.lookup.forget(tenantId, subjectId);
  }
}
