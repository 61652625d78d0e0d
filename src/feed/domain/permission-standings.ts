import { combinationsEverOffered, evaluatePermission } from '../../consent/domain';
import type { Basis, Permission, PolicyHistory, SubjectState } from '../../consent/domain';

/**
 * What the feed follows of one subject: for every combination the policy ever offered, whether
 * a flow that is not user-initiated, asked without a precision, would be permitted now, and on
 * which basis. Only permitted combinations are listed: any other is not permitted, which is also
 * where every combination starts, before the subject's first event.
 */
export type Standings = Readonly<Record<string, Basis>>;

/** A combination whose standing the rules were asked about, with their answer. */
export interface Standing extends Permission {
  readonly key: string;
  readonly permitted: boolean;
  readonly basis?: Basis;
  readonly policyVersion?: number;
}

/** The key of a combination in `Standings`; sorting keys sorts combinations. */
export function combinationKey(c: Permission): string {
  return `${c.category}\u0000${c.recipient}\u0000${c.purpose}`;
}

/**
 * Rule 1 (`evaluatePermission`, the check endpoint's own rule) for every combination ever
 * offered, at valid time `at`, in combination-key order.
 */
export function standingsAt(state: SubjectState, policy: PolicyHistory, at: number): Standing[] {
  return combinationsEverOffered(policy).map((combination) => {
    const answer = evaluatePermission(state, policy, { ...combination, at });
    return {
      ...combination,
      key: combinationKey(combination),
      permitted: answer.permitted,
      ...(answer.basis !== undefined ? { basis: answer.basis } : {}),
      ...(answer.policyVersion !== undefined ? { policyVersion: answer.policyVersion } : {}),
    };
  });
}

/** The standings as the feed stores them: the permitted combinations with their basis. */
export function permittedOf(standings: readonly Standing[]): Standings {
  const permitted: Record<string, Basis> = {};
  for (const standing of standings) {
    if (standing.permitted && standing.basis) permitted[standing.key] = standing.basis;
  }
  return permitted;
}
