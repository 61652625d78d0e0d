/**
 * Why an export bundle could not be made. Messages tell the caller what to change and name
 * no personal data (subject ids are pseudonyms, tree sizes and positions are not personal).
 */
export abstract class ExportError extends Error {
  abstract readonly code: string;
}

/** The selection holds more events than one bundle may carry. */
export class ExportTooLargeError extends ExportError {
  readonly code = 'export-too-large';
  constructor(readonly maxEvents: number) {
    super(
      `the selection holds more than ${maxEvents} events; export a shorter time range or use the CLI (consent-ledger export)`,
    );
  }
}

/** The tenant has no subject with this pseudonym. */
export class ExportSubjectNotFoundError extends ExportError {
  readonly code = 'subject-not-found';
  constructor() {
    super('the tenant has no subject with this id');
  }
}

/** No checkpoint of the tenant log was signed (at the requested tree size). */
export class ExportCheckpointNotFoundError extends ExportError {
  readonly code = 'checkpoint-not-found';
  constructor(readonly treeSize?: number) {
    super(
      treeSize === undefined
        ? 'the tenant log has no signed checkpoint yet'
        : `no checkpoint of tree size ${treeSize} was signed; leave the tree size out for the latest`,
    );
  }
}

/**
 * The requested tree size does not hold every event the selection needs (the subject has
 * later events): only a later checkpoint can prove them.
 */
export class ExportTreeSizeTooSmallError extends ExportError {
  readonly code = 'tree-size-too-small';
  constructor(
    readonly treeSize: number,
    readonly neededSize: number,
  ) {
    super(
      `the subject has events after tree size ${treeSize}; ask for a checkpoint of at least ${neededSize} leaves, or leave the tree size out`,
    );
  }
}

/**
 * Something the export reads has not caught up yet: the latest checkpoint does not hold the
 * subject's newest events, or the projections lag. Retrying later succeeds.
 */
export class ExportNotReadyError extends ExportError {
  readonly code = 'not-ready';
  constructor(
    message: string,
    /** When a retry is likely to succeed. */
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
