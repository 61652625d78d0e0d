import type { Precision, Basis, Permission, RefusalReason } from '../../consent/domain';

/**
 * A sync as the `flows` read model keeps it: what was to flow where, on what basis or why
 * not, when (valid time) and when the ledger learned it (transaction time), and which
 * event says so. Without personal data: the sealed location is not copied, and neither
 * are the caller's record ids.
 */
export interface FlowAttempt extends Permission {
  readonly subjectId: string;
  /** Revision in the subject's stream. */
  readonly revision: number;
  readonly eventId: string;
  /** `recorded`: the data flowed (`sync-recorded`); `refused`: it did not (`sync-refused`). */
  readonly outcome: 'recorded' | 'refused';
  readonly syncId: string;
  readonly precision: Precision;
  readonly userInitiated: boolean;
  readonly policyVersion: number;
  /** The basis it flowed on (recorded only). */
  readonly basis?: Basis;
  /** Why it was refused (refused only). */
  readonly reasons?: readonly RefusalReason[];
  /** Valid time (ISO-8601). */
  readonly occurredAt: string;
  /** Transaction time (ISO-8601). */
  readonly recordedAt: string;
}
