import { EventStoreError } from '../event-store.errors';

/**
 * The connection string cannot be used. The string itself is never part of the message:
 * it may carry a password.
 */
export class KurrentDbConnectionStringError extends EventStoreError {
  readonly code = 'kurrentdb-connection-string';
}

/** KurrentDB refused a request for a reason retrying will not fix (access denied, deleted stream). */
export class KurrentDbRejectedError extends EventStoreError {
  readonly code = 'kurrentdb-rejected';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * The database holds something this adapter cannot represent faithfully: an event that is
 * not a JSON object, or a `$all` position written by a legacy explicit transaction. Failing
 * loudly beats delivering a feed with duplicated or skipped positions.
 */
export class KurrentDbUnsupportedError extends EventStoreError {
  readonly code = 'kurrentdb-unsupported';
}
