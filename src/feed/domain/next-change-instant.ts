import type { PolicyHistory, SubjectState } from '../../consent/domain';

/**
 * The first valid time after `after` (epoch ms) at which rule 1 may answer differently for
 * some combination of the subject with no new event: a fact dated later than it was recorded,
 * a grant's expiry, a grant's lapse under a version that requires consent again, a version
 * taking effect. Undefined when nothing is scheduled. Between two such instants every answer
 * is constant (the same instants flow windows sweep over), so the feed need look again only
 * there.
 */
export function nextChangeInstant(
  state: SubjectState,
  policy: PolicyHistory,
  after: number,
): number | undefined {
  let next: number | undefined;
  const consider = (at: number | undefined) => {
    if (at === undefined || Number.isNaN(at) || at <= after) return;
    if (next === undefined || at < next) next = at;
  };
  consider(state.registration?.registeredAt);
  for (const version of policy.versions) consider(version.effectiveFrom);
  for (const event of state.facts) {
    const at = Date.parse(event.occurredAt);
    consider(at);
    if (event.type !== 'consent-granted') continue;
    if (event.expiresAt !== undefined) consider(Date.parse(event.expiresAt));
    consider(policy.lapseOf(event.category, event.policyVersion, at));
  }
  return next;
}
