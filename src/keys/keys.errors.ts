/**
 * Errors of the keys module. Messages name files, key ids, tenants and subject pseudonyms,
 * never a sealed token, a key, a secret or an app's own subject id.
 */
export abstract class KeyError extends Error {
  abstract readonly code: string;
}

type SealedValueProblem = 'malformed' | 'unsupported-version' | 'wrong-key' | 'not-authentic';

/** A sealed value does not open: it is malformed, tampered, moved, or for another key. */
export class SealedValueRejectedError extends KeyError {
  readonly code = 'sealed-value-rejected';
  constructor(
    readonly problem: SealedValueProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The plaintext cannot be sealed so that it opens to the same string (a lone surrogate). */
export class UnsealablePlaintextError extends KeyError {
  readonly code = 'unsealable-plaintext';
  constructor(readonly field: string) {
    super(`${field} is not well-formed Unicode (it holds a lone surrogate) and cannot be sealed`);
  }
}

/** The subject's data key was destroyed (erasure); it never comes back. */
export class SubjectKeyDestroyedError extends KeyError {
  readonly code = 'subject-key-destroyed';
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super(`tenant ${tenantId}: the data key of subject ${subjectId} was destroyed (erased)`);
  }
}

/** The app's subject id, or the subject, is already paired with someone else. */
export class SubjectLookupConflictError extends KeyError {
  readonly code = 'subject-lookup-conflict';
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly side: 'app-subject-id' | 'subject-id',
  ) {
    super(
      side === 'app-subject-id'
        ? `tenant ${tenantId}: this app subject id already belongs to another subject than ${subjectId}`
        : `tenant ${tenantId}: subject ${subjectId} already belongs to another app subject id`,
    );
  }
}

/** A key file that others may read, or whose content is not a key; the service will not start. */
export class KeyFileRejectedError extends KeyError {
  readonly code = 'key-file-rejected';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A wrapped key names a key-encryption key that this KMS does not have. */
export class UnknownKekError extends KeyError {
  readonly code = 'unknown-kek';
  constructor(
    readonly kekId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A wrapped key failed its integrity check under the KEK it names. */
export class KeyUnwrapError extends KeyError {
  readonly code = 'key-unwrap-failed';
  constructor(readonly kekId: string) {
    super(
      `a data key does not unwrap under key-encryption key ${kekId}: the wrapped bytes or the KEK file were altered or replaced`,
    );
  }
}

/** A KEK cannot be retired while it is current or still wraps live data keys. */
export class KekInUseError extends KeyError {
  readonly code = 'kek-in-use';
  constructor(
    readonly kekId: string,
    reason: string,
  ) {
    super(`key-encryption key ${kekId} cannot be retired: ${reason}`);
  }
}

/** The key store cannot be reached; nothing was changed by the failed call, retrying is safe. */
export class KeyStoreUnavailableError extends KeyError {
  readonly code = 'key-store-unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export class KeyStoreClosedError extends KeyError {
  readonly code = 'key-store-closed';
  constructor() {
    super('the key store is closed');
  }
}

/** A key store URL, schema or option the adapters cannot use. */
export class InvalidKeyStoreSettingError extends KeyError {
  readonly code = 'invalid-key-store-setting';
}

/**
 * The key or lookup row is gone from the tables, but SQLite could not yet clear the old page
 * copies from its write-ahead log (another connection was reading). Calling again is safe.
 */
export class KeyResidueError extends KeyError {
  readonly code = 'key-residue-not-cleared';
  constructor(readonly path: string) {
    super(
      `erased rows of ${path} may still have old copies in its write-ahead log (database busy); repeat the erasure`,
    );
  }
}
