import { evaluatePermission } from '../../src/consent/domain/permission/evaluate-permission';
import { combinationsEverOffered } from '../../src/consent/domain/permission/flow-windows';
import type { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import { toMillis } from '../../src/shared/time/instant';
import { localDataModeAt } from '../../src/consent/domain/permission/local-data-mode';
import type { SubjectState } from '../../src/consent/domain/subject/subject.state';

/**
 * The per-tenant summary as a plain count over every subject at instant `at`, straight from
 * the domain's rules: registration, `localDataModeAt`, account erasure requests, and
 * `evaluatePermission` without precision or user-initiated sync for every combination.
 */
export function referenceSummary(
  states: readonly SubjectState[],
  policy: PolicyHistory,
  at: number,
) {
  const subjects = { registered: 0, active: 0, localDataMode: 0, erased: 0 };
  const combinations = combinationsEverOffered(policy).map((combination) => ({
    ...combination,
    permitted: 0,
    notPermitted: 0,
    permittedByBasis: { grant: 0, optOutDefault: 0, mandatory: 0 },
  }));
  for (const state of states) {
    const registeredAt = state.registration?.registeredAt;
    if (registeredAt === undefined || registeredAt > at) continue;
    subjects.registered += 1;
    const inLocalDataMode = localDataModeAt(state.facts, at);
    const erased = state.facts.some(
      (event) =>
        event.type === 'erasure-requested' &&
        event.scope.kind === 'account' &&
        toMillis(event.occurredAt) <= at,
    );
    if (inLocalDataMode) subjects.localDataMode += 1;
    if (erased) subjects.erased += 1;
    if (!inLocalDataMode && !erased) subjects.active += 1;
    for (const combination of combinations) {
      const answer = evaluatePermission(state, policy, { ...combination, at });
      if (!answer.permitted) {
        combination.notPermitted += 1;
        continue;
      }
      combination.permitted += 1;
      if (answer.basis === 'grant') combination.permittedByBasis.grant += 1;
      else if (answer.basis === 'opt-out-default') combination.permittedByBasis.optOutDefault += 1;
      else if (answer.basis === 'mandatory') combination.permittedByBasis.mandatory += 1;
      else throw new Error(`a standing question was answered on basis ${answer.basis}`);
    }
  }
  return { subjects, combinations };
}
