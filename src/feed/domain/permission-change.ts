import type { Basis } from '../../consent/domain';
import type { Standing, Standings } from './permission-standings';

/** Why the feed looked at a subject again: one of its events, or time passing an instant. */
export type ChangeTrigger = 'event' | 'time';

/**
 * One combination of one subject whose permission changed: it became permitted, stopped being
 * permitted, or stays permitted on another basis. `validFrom` (epoch ms) is the valid time
 * from which the new answer holds: the event's own valid time, the instant a version took
 * effect, or the instant that time reached (an expiry, a lapse, a scheduled version).
 */
export interface PermissionChange {
  readonly subjectId: string;
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly permitted: boolean;
  readonly basis?: Basis;
  readonly validFrom: number;
  readonly policyVersion?: number;
}

/**
 * The changes between what the feed said last (`before`) and the rules' answers now (`now`),
 * in combination-key order. A combination changes when it becomes or stops being permitted,
 * or stays permitted on another basis; a new policy version alone is no change.
 */
export function changesBetween(
  subjectId: string,
  before: Standings,
  now: readonly Standing[],
  validFrom: number,
): PermissionChange[] {
  const changes: PermissionChange[] = [];
  const seen = new Set<string>();
  for (const standing of now) {
    seen.add(standing.key);
    const was = before[standing.key];
    const is = standing.permitted ? standing.basis : undefined;
    if (was === is) continue;
    changes.push({
      subjectId,
      category: standing.category,
      recipient: standing.recipient,
      purpose: standing.purpose,
      permitted: is !== undefined,
      ...(is !== undefined ? { basis: is } : {}),
      validFrom,
      ...(standing.policyVersion !== undefined ? { policyVersion: standing.policyVersion } : {}),
    });
  }
  // Every combination ever offered is evaluated, so none permitted before can be missing.
  for (const key of Object.keys(before)) {
    if (!seen.has(key)) throw new Error('a combination the feed followed is no longer offered');
  }
  return changes;
}
