/**
 * Why the erasure workflow refused a step. Like `DomainError`, the code is stable and the
 * message tells the caller what to change without any personal data; it is a class of its
 * own because `DomainError`'s codes map one to one onto the problem types of src/http,
 * and the workflow's codes are mapped by the erasure module (src/erasure/http).
 */
export class ErasureRefusal extends Error {
  constructor(
    readonly code: ErasureRefusalCode,
    message: string,
    /** Machine-readable detail for the caller, e.g. the recipients still unconfirmed. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ErasureRefusal';
  }
}

export type ErasureRefusalCode =
  | 'erasure-not-found'
  | 'erasure-already-completed'
  | 'erasure-already-extended'
  | 'erasure-deadline-passed'
  | 'invalid-erasure-deadline'
  | 'subject-told-too-late'
  | 'recipient-not-notified'
  | 'erasure-notifications-pending'
  | 'erasure-not-confirmed'
  | 'override-not-permitted'
  | 'reason-required';
