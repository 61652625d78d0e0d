import { Refusal } from '../../shared/domain/domain-error';

/**
 * Why the erasure workflow refused a step. A `Refusal` like `DomainError`; it is a class of its
 * own because `DomainError`'s codes map one to one onto the problem types of src/http,
 * and the workflow's codes are mapped by the erasure module (src/erasure/http).
 */
export class ErasureRefusal extends Refusal<ErasureRefusalCode> {}

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
