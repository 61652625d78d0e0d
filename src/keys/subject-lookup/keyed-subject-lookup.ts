import { keyedDigest } from '../keyed-digest';
import {
  KeyFileRejectedError,
  KeyStoreClosedError,
  SubjectLookupConflictError,
} from '../keys.errors';
import type { SubjectLookup } from './subject-lookup.port';
import type { SubjectLookupRows } from './subject-lookup-rows';

/** A conflicting row may be forgotten between our insert and our look; then insert again. */
const REMEMBER_ATTEMPTS = 3;
const FINGERPRINT_LABEL = 'consent-ledger/lookup-secret-fingerprint';

/**
 * Stores HMAC-SHA256(lookup secret, tenantId 0x00 appSubjectId) → subject pseudonym. Without
 * the secret the table cannot be searched for a guessed app id, and the id itself is
 * never written anywhere.
 */
export class KeyedSubjectLookup implements SubjectLookup {
  private readonly secret: Buffer;
  private closed = false;

  private constructor(
    private readonly rows: SubjectLookupRows,
    secret: Buffer,
  ) {
    this.secret = Buffer.from(secret);
  }

  /**
   * Refuses a secret other than the one the rows were written with: with a lost or swapped
   * secret every `find` would miss, and each returning subject would be registered again
   * under a new pseudonym. `secretFile` is only named in that error.
   */
  static async open(
    rows: SubjectLookupRows,
    secret: Buffer,
    secretFile: string,
  ): Promise<KeyedSubjectLookup> {
    const fingerprint = keyedDigest(secret, FINGERPRINT_LABEL);
    const stored = await rows.claimSecretFingerprint(fingerprint);
    if (!stored.equals(fingerprint)) {
      await rows.close();
      throw new KeyFileRejectedError(
        secretFile,
        `lookup secret file ${secretFile} is not the secret this key store's subject lookup was built with: restore the keys directory (KEYS_DIR) that belongs to this key store`,
      );
    }
    return new KeyedSubjectLookup(rows, secret);
  }

  async find(tenantId: string, appSubjectId: string): Promise<string | undefined> {
    this.assertOpen();
    return this.rows.findSubject(tenantId, this.digest(tenantId, appSubjectId));
  }

  async remember(tenantId: string, appSubjectId: string, subjectId: string): Promise<void> {
    this.assertOpen();
    const digest = this.digest(tenantId, appSubjectId);
    for (let attempt = 1; attempt <= REMEMBER_ATTEMPTS; attempt++) {
      if (await this.rows.insertIfAbsent(tenantId, digest, subjectId)) return;
      const pairings = await this.rows.pairingsOf(tenantId, digest, subjectId);
      if (pairings.some((p) => p.digest.equals(digest) && p.subjectId === subjectId)) return;
      if (pairings.some((p) => p.digest.equals(digest))) {
        throw new SubjectLookupConflictError(tenantId, subjectId, 'app-subject-id');
      }
      if (pairings.length > 0) {
        throw new SubjectLookupConflictError(tenantId, subjectId, 'subject-id');
      }
    }
    throw new Error('the subject lookup row kept changing while being remembered');
  }

  async forget(tenantId: string, subjectId: string): Promise<void> {
    this.assertOpen();
    await this.rows.deleteSubject(tenantId, subjectId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.secret.fill(0);
    await this.rows.close();
  }

  private digest(tenantId: string, appSubjectId: string): Buffer {
    return keyedDigest(this.secret, tenantId, appSubjectId);
  }

  private assertOpen(): void {
    if (this.closed) throw new KeyStoreClosedError();
  }
}
