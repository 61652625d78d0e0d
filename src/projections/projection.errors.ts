/** Base class so callers can tell projector failures from other errors. */
abstract class ProjectorError extends Error {
  abstract readonly code: string;
}

/** A registered projection has a bad name or version, or two share a name. */
export class InvalidProjectionError extends ProjectorError {
  readonly code = 'invalid-projection';
}

export class UnknownProjectionError extends ProjectorError {
  readonly code = 'unknown-projection';
  constructor(readonly projection: string) {
    super(`no projection named "${projection}" is registered`);
  }
}

/**
 * A projection's `apply` threw. The event's transaction was rolled back and the projection
 * stopped there; it resumes from the same event when restarted or rebuilt.
 */
export class ProjectionFailedError extends ProjectorError {
  readonly code = 'projection-failed';
  constructor(
    readonly projection: string,
    /** Global position of the event that failed, as a decimal string. */
    readonly position: string,
    readonly eventId: string,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `projection ${projection} failed to apply event ${eventId} (${eventType}) at position ${position}`,
    );
  }
}

/** Another process holds the projection's writer lease, so it cannot be rebuilt here. */
export class ProjectionLeasedElsewhereError extends ProjectorError {
  readonly code = 'projection-leased-elsewhere';
  constructor(readonly projection: string) {
    super(
      `projection ${projection} is being written by another process; rebuild it there, or stop that process first`,
    );
  }
}

/** The projector is built when the application boots; it was used before that. */
export class ProjectorNotStartedError extends ProjectorError {
  readonly code = 'projector-not-started';
  constructor() {
    super('the projector has not started yet');
  }
}
