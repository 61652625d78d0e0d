export interface LookupPairing {
  readonly digest: Buffer;
  readonly subjectId: string;
}

/**
 * What the lookup needs from a database: rows of (tenant, digest, subject), unique on
 * (tenant, digest) and on (tenant, subject).
 */
export interface SubjectLookupRows {
  findSubject(tenantId: string, digest: Buffer): Promise<string | undefined>;
  /** Inserts unless either unique key is taken; returns whether it inserted. */
  insertIfAbsent(tenantId: string, digest: Buffer, subjectId: string): Promise<boolean>;
  /** The rows that hold `digest` or `subjectId` in the tenant. */
  pairingsOf(tenantId: string, digest: Buffer, subjectId: string): Promise<LookupPairing[]>;
  /**
   * Stores `fingerprint` of the lookup secret if none is stored yet, and returns the stored
   * one: a lookup must never be searched with a different secret than it was filled with.
   */
  claimSecretFingerprint(fingerprint: Buffer): Promise<Buffer>;
  /** Deletes the subject's row and any trace of it the storage keeps. */
  deleteSubject(tenantId: string, subjectId: string): Promise<void>;
  close(): Promise<void>;
}
