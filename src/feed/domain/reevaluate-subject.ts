import type { PolicyHistory, SubjectState } from '../../consent/domain';
import { nextChangeInstant } from './next-change-instant';
import { changesBetween, type PermissionChange } from './permission-change';
import { permittedOf, standingsAt, type Standings } from './permission-standings';

/** What the feed keeps of a subject between events. */
export interface FollowedSubject {
  readonly standings: Standings;
  /** Epoch ms: when to look again though no event came (see `nextChangeInstant`). */
  readonly nextDue?: number;
}

/** Where a subject stands before the feed ever looked at it: nothing permitted, nothing due. */
export const UNSEEN_SUBJECT: FollowedSubject = { standings: {} };

/**
 * The feed's one step for a subject: rule 1 for every combination at valid time `at`, the
 * changes against what it said last (dated `validFrom`), and the next instant to look again.
 * Pure: the same state, history and instants always give the same changes.
 */
export function reevaluateSubject(
  subjectId: string,
  followed: FollowedSubject,
  state: SubjectState,
  policy: PolicyHistory,
  at: number,
  validFrom: number,
): { readonly changes: PermissionChange[]; readonly followed: FollowedSubject } {
  const now = standingsAt(state, policy, at);
  const changes = changesBetween(subjectId, followed.standings, now, validFrom);
  const nextDue = nextChangeInstant(state, policy, at);
  return {
    changes,
    followed: { standings: permittedOf(now), ...(nextDue !== undefined ? { nextDue } : {}) },
  };
}
