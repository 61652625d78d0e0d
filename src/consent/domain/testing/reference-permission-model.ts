import type { PolicyDocument, Precision } from '../policy/policy-document';
import type { PolicyPublished } from '../policy/policy.events';
import type {
  Basis,
  ConsentGranted,
  ConsentRevoked,
  LocalDataModeSwitchedOff,
  LocalDataModeSwitchedOn,
  Permission,
  RefusalReason,
  SubjectEvent,
} from '../subject/subject.events';

/**
 * DOMAIN.md rule 1 restated as plainly as possible, for property tests to hold the domain
 * against. Written from the rule, not from evaluate-permission.ts: linear scans over the raw
 * events and policy publications, nothing shared with the code under test.
 *
 * Choices the rule leaves open, taken as the domain documents them: a later fact wins over
 * an earlier one of the same valid time; a grant is no longer active from its expiry instant;
 * the basis named is the first that holds of mandatory, grant, opt-out default, one-off sync;
 * an expired grant is reported as expired even when it has lapsed too.
 */
export interface Flow extends Permission {
  readonly precision: Precision;
  readonly userInitiated: boolean;
  /** Epoch ms. */
  readonly at: number;
}

export type Blocker = 'local-data-mode' | 'erased' | 'region' | 'precision';

export interface ReferenceVerdict {
  readonly permitted: boolean;
  readonly basis?: Basis;
  /** Every reason the flow is refused: the missing basis first, then the blockers. */
  readonly reasons: readonly RefusalReason[];
  readonly policyVersion: number;
}

const time = (instant: string) => Date.parse(instant);

/** The version in force at `at`: the last one published whose effective time has come. */
export function versionInForce(
  policies: readonly PolicyPublished[],
  at: number,
): PolicyDocument | undefined {
  let inForce: PolicyDocument | undefined;
  for (const published of policies) {
    if (time(published.occurredAt) <= at) inForce = published.policy;
  }
  return inForce;
}

/** The newest matching event at or before `at` in valid time; on a tie, the later in the stream. */
export function lastAtOrBefore<E extends SubjectEvent>(
  events: readonly SubjectEvent[],
  at: number,
  matches: (event: SubjectEvent) => event is E,
): E | undefined {
  let last: E | undefined;
  for (const event of events) {
    if (!matches(event) || time(event.occurredAt) > at) continue;
    if (last === undefined || time(event.occurredAt) >= time(last.occurredAt)) last = event;
  }
  return last;
}

export function localDataModeOnAt(events: readonly SubjectEvent[], at: number): boolean {
  const last = lastAtOrBefore(
    events,
    at,
    (e): e is LocalDataModeSwitchedOn | LocalDataModeSwitchedOff =>
      e.type === 'local-data-mode-switched-on' || e.type === 'local-data-mode-switched-off',
  );
  return last?.type === 'local-data-mode-switched-on';
}

/**
 * Rule 1 for a flow the policy in force offers, about a registered subject:
 * permitted iff a basis existed and nothing blocked it.
 */
export function referenceVerdict(
  events: readonly SubjectEvent[],
  policies: readonly PolicyPublished[],
  flow: Flow,
): ReferenceVerdict {
  const policy = versionInForce(policies, flow.at);
  const category = policy?.categories.find((c) => c.key === flow.category);
  const registration = events.find((e) => e.type === 'subject-registered');
  if (!policy || !category || !registration) {
    throw new Error('the reference model answers only for offered flows of registered subjects');
  }

  const blockers: Blocker[] = [];
  if (localDataModeOnAt(events, flow.at)) blockers.push('local-data-mode');
  const erased = events.some(
    (e) =>
      e.type === 'erasure-requested' &&
      time(e.occurredAt) <= flow.at &&
      (e.scope.kind === 'account' || e.scope.categories.includes(flow.category)),
  );
  if (erased) blockers.push('erased');
  const recipient = policy.recipients.find((r) => r.key === flow.recipient);
  if (recipient?.region !== registration.residency) blockers.push('region');
  if (!category.precisions.includes(flow.precision)) blockers.push('precision');

  const { basis, missing } = basisOf(category.default, events, policies, flow);
  const reasons: RefusalReason[] = [...(missing ? [missing] : []), ...blockers];
  return {
    permitted: basis !== undefined && blockers.length === 0,
    ...(basis ? { basis } : {}),
    reasons: basis && blockers.length === 0 ? [] : reasons,
    policyVersion: policy.version,
  };
}

function basisOf(
  categoryDefault: string,
  events: readonly SubjectEvent[],
  policies: readonly PolicyPublished[],
  flow: Flow,
): { basis?: Basis; missing?: RefusalReason } {
  if (categoryDefault === 'mandatory') return { basis: 'mandatory' };
  if (categoryDefault === 'per-transfer') {
    return flow.userInitiated ? { basis: 'one-off-sync' } : { missing: 'per-transfer-only' };
  }
  const choice = lastAtOrBefore(
    events,
    flow.at,
    (e): e is ConsentGranted | ConsentRevoked =>
      (e.type === 'consent-granted' || e.type === 'consent-revoked') &&
      e.category === flow.category &&
      e.recipient === flow.recipient &&
      e.purpose === flow.purpose,
  );
  let missing: RefusalReason = 'no-basis';
  if (choice?.type === 'consent-revoked') missing = 'revoked';
  if (choice?.type === 'consent-granted') {
    const expired = choice.expiresAt !== undefined && time(choice.expiresAt) <= flow.at;
    const lapsed = policies.some(
      (p) =>
        p.policy.version > choice.policyVersion &&
        p.policy.reconsentRequired.includes(flow.category) &&
        time(p.occurredAt) <= flow.at,
    );
    if (!expired && !lapsed) return { basis: 'grant' };
    missing = expired ? 'expired' : 'lapsed-by-policy-change';
  }
  if (categoryDefault === 'opt-out' && choice?.type !== 'consent-revoked') {
    return { basis: 'opt-out-default' };
  }
  return flow.userInitiated ? { basis: 'one-off-sync' } : { missing };
}
