/**
 * Why a checkpoint or proof query has no answer. Messages are written for the caller (what
 * to ask instead) and hold no personal data: tree sizes and leaf indexes are not personal.
 */
abstract class AuditQueryError extends Error {}

/** No checkpoint was signed (yet, or at the size asked for). */
export class CheckpointNotFoundError extends AuditQueryError {}

/** The event or leaf asked for is not in the tree asked about. */
export class LeafNotFoundError extends AuditQueryError {}

/** A tree size beyond the leaves the log holds. */
export class TreeSizeOutOfRangeError extends AuditQueryError {
  constructor(
    readonly field: string,
    readonly size: number,
    readonly logSize: number,
  ) {
    super(
      `${field} ${size} is beyond the log, which has ${logSize} leaves; ask for at most ${logSize}.`,
    );
  }
}

/**
 * A parameter that is well-formed but does not fit the log as it is (a leaf index past the
 * tree size, a `from` past the size `to` resolved to).
 */
export class ParameterOutOfRangeError extends AuditQueryError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
