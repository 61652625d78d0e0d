/**
 * A command refused by a business rule. `code` is stable (it becomes the problem `type`
 * URI); `message` tells the caller what to change and never contains personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable detail for the caller, e.g. the valid values of a field. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

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
