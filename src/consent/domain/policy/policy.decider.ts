import type { Decider } from '../../../shared/domain/decider';
import { DomainError } from '../../../shared/domain/domain-error';
import { isIsoInstant, toMillis } from '../../../shared/time/instant';
import { PolicyHistory } from './policy-history';
import type { PolicyCommand } from './policy.commands';
import type { PolicyEvent } from './policy.events';
import { findPolicyProblems } from './validate-policy';

/** A tenant's policy stream: versions published in order, each one valid on its own. */
export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyHistory> = {
  initialState: () => PolicyHistory.empty(),

  evolve: (history, event) => history.with(event),

  decide(command, history) {
    const problems = findPolicyProblems(command.policy);
    if (problems.length > 0) {
      throw new DomainError('invalid-policy', `the policy is not valid: ${problems.join('; ')}`, {
        problems,
      });
    }
    const expectedVersion = (history.latest?.document.version ?? 0) + 1;
    if (command.policy.version !== expectedVersion) {
      throw new DomainError(
        'policy-version-conflict',
        `the next policy version must be ${expectedVersion}, got ${command.policy.version}`,
        { expectedVersion },
      );
    }
    if (!isIsoInstant(command.effectiveFrom)) {
      throw new DomainError(
        'invalid-time',
        'effectiveFrom must be an ISO-8601 UTC instant with milliseconds',
      );
    }
    const { now, maxClockSkewMs, mayBackdate } = command.clock;
    if (!mayBackdate && toMillis(command.effectiveFrom) < now - maxClockSkewMs) {
      throw new DomainError(
        'invalid-time',
        'a policy version cannot take effect in the past; only imports (with the import permission) may back-date it',
      );
    }
    const previous = history.latest;
    if (previous && toMillis(command.effectiveFrom) < previous.effectiveFrom) {
      throw new DomainError(
        'invalid-time',
        'a policy version cannot take effect before the version it supersedes',
      );
    }
    return [
      {
        type: 'policy-published',
        schemaVersion: 1,
        tenantId: command.tenantId,
        occurredAt: command.effectiveFrom,
        policy: command.policy,
      },
    ];
  },
};
