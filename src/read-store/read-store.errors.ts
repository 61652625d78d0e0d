/** Base class so callers can tell read-store failures from bugs in their own code. */
abstract class ReadStoreError extends Error {
  abstract readonly code: string;
}

/**
 * The read store cannot be reached (connection refused or dropped, server shutting down).
 * Nothing was committed by the failed call; retrying later is safe.
 */
export class ReadStoreUnavailableError extends ReadStoreError {
  readonly code = 'read-store-unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The store was closed; a caller used it afterwards. */
export class ReadStoreClosedError extends ReadStoreError {
  readonly code = 'read-store-closed';
  constructor() {
    super('the read store is closed');
  }
}

/** A read-store URL, schema name or option the adapters cannot use. */
export class InvalidReadStoreSettingError extends ReadStoreError {
  readonly code = 'invalid-read-store-setting';
}
