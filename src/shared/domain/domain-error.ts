/**
 * A command refused by a rule. `code` is stable (it becomes the problem `type` URI);
 * `message` tells the caller what to change and never contains personal data.
 */
export abstract class Refusal<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    /** Machine-readable detail for the caller, e.g. the valid values of a field. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A command refused by a consent rule; its codes map one to one onto src/http's problems. */
export class DomainError extends Refusal<DomainErrorCode> {}

export type DomainErrorCode =
  | 'invalid-policy'
  | 'policy-version-conflict'
  | 'policy-not-published'
  | 'unknown-category'
  | 'unknown-recipient'
  | 'unknown-purpose'
  | 'unknown-region'
  | 'combination-not-offered'
  | 'mandatory-category'
  | 'per-transfer-category'
  | 'subject-already-registered'
  | 'subject-not-registered'
  | 'subject-erased'
  | 'erasure-already-requested'
  | 'invalid-time'
  | 'duplicate-id';
