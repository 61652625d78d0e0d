import type { Basis } from '../../consent/domain';
import type { ChangeTrigger } from '../domain';

/** A permission change as the feed stores and serves it. */
export interface FeedChange {
  /** Gap-free per tenant, from 1. */
  readonly position: number;
  /** The subject's pseudonym, as every endpoint names subjects. */
  readonly subjectId: string;
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly permitted: boolean;
  /** The basis when permitted; null otherwise. */
  readonly basis: Basis | null;
  /** ISO-8601: the valid time from which the new answer holds. */
  readonly validFrom: string;
  /** The event whose processing emitted the change (for a `time` change: the one that moved the clock past `validFrom`). */
  readonly causeEventId: string;
  /** Its global position (decimal text). */
  readonly causePosition: string;
  readonly trigger: ChangeTrigger;
  /** The policy version in force at `validFrom`, if any. */
  readonly policyVersion: number | null;
}
