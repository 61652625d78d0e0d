import type { Precision } from '../policy/policy-document';
import type { Basis, Permission, RefusalReason } from '../subject/subject.events';

/** "May `category` about this subject flow to `recipient` for `purpose` at `at`?" */
export interface PermissionQuestion extends Permission {
  /** Epoch ms. */
  readonly at: number;
  /** Omitted: any precision the category allows. */
  readonly precision?: Precision;
  /** The flow is a user-initiated sync, which is itself a one-off consent. */
  readonly userInitiated?: boolean;
}

export interface PermissionAnswer {
  readonly permitted: boolean;
  /** Set when permitted. */
  readonly basis?: Basis;
  /** Every reason that holds when refused (empty when permitted). */
  readonly reasons: readonly RefusalReason[];
  /** Policy version in force at `at`, if any. */
  readonly policyVersion?: number;
  /** Stream revisions of the events the answer rests on. */
  readonly evidence: readonly number[];
}
