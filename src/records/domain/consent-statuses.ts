import type { Actor, Permission, PolicyHistory } from '../../consent/domain';
import type { ConsentDecision } from './consent-decision';
import type { DpvTerm } from './dpv-terms';

/** The DPV consent statuses a record can pass through (DPV 2.2, `dpv:ConsentStatus`). */
export type ConsentStatus = Extract<
  DpvTerm,
  | 'ConsentGiven'
  | 'RenewedConsentGiven'
  | 'ConsentWithdrawn'
  | 'ConsentRevoked'
  | 'ConsentRefused'
  | 'ConsentExpired'
  | 'ConsentInvalidated'
>;

/** After these a new grant renews the consent given before; after the others it is new. */
const RENEWABLE: ReadonlySet<ConsentStatus> = new Set([
  'ConsentGiven',
  'RenewedConsentGiven',
  'ConsentExpired',
  'ConsentInvalidated',
]);

export interface StatusChange {
  readonly status: ConsentStatus;
  /** Valid time, epoch ms. */
  readonly at: number;
  /** The events this status derives from: the decision itself, or the grant that ended. */
  readonly eventIds: readonly string[];
  /** Who expressed it; absent for what time or a policy change brought about. */
  readonly actor?: Actor;
  readonly policyVersion: number;
  /** A grant's expiry, epoch ms. */
  readonly expiresAt?: number;
}

export interface ConsentHistory {
  readonly permission: Permission;
  readonly changes: readonly StatusChange[];
}

/** A grant in force, and how it will end by itself if nothing comes first. */
interface Standing {
  readonly endsAt: number;
  readonly ending?: StatusChange;
}

/**
 * The consent status history of every (category, recipient, purpose) the subject decided on,
 * read in valid-time order (ties in stream order): a grant gives consent (or renews the one
 * given, expired or invalidated before); a revocation withdraws it (the subject or the app
 * on their behalf), revokes it (the privacy officer), or — with no consent standing —
 * refuses it; a grant's `expiresAt` expires it; a later policy version requiring re-consent
 * for the category invalidates it when that version takes effect. Expiry and invalidation
 * count only once they lie at or before `now`.
 */
export function consentHistories(
  decisions: readonly ConsentDecision[],
  policy: PolicyHistory,
  now: number,
): ConsentHistory[] {
  const byPermission = new Map<string, ConsentDecision[]>();
  for (const decision of decisions) {
    const key = permissionKey(decision.event);
    byPermission.set(key, [...(byPermission.get(key) ?? []), decision]);
  }
  return [...byPermission.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, own]) => {
      const { category, recipient, purpose } = own[0]!.event;
      return { permission: { category, recipient, purpose }, changes: historyOf(own, policy, now) };
    });
}

function historyOf(
  decisions: readonly ConsentDecision[],
  policy: PolicyHistory,
  now: number,
): StatusChange[] {
  const changes: StatusChange[] = [];
  let standing: Standing | undefined;
  const last = () => changes[changes.length - 1]?.status;
  const settle = (until: number) => {
    if (standing?.ending && standing.endsAt <= until) changes.push(standing.ending);
    if (standing && standing.endsAt <= until) standing = undefined;
  };
  for (const decision of inValidTimeOrder(decisions)) {
    const { event, eventId } = decision;
    const at = Date.parse(event.occurredAt);
    settle(at);
    if (event.type === 'consent-granted') {
      const previous = last();
      const given: StatusChange = {
        status: previous && RENEWABLE.has(previous) ? 'RenewedConsentGiven' : 'ConsentGiven',
        at,
        eventIds: [eventId],
        actor: event.actor,
        policyVersion: event.policyVersion,
        ...(event.expiresAt !== undefined ? { expiresAt: Date.parse(event.expiresAt) } : {}),
      };
      changes.push(given);
      standing = standingOf(given, event.category, policy);
      continue;
    }
    const withdrawn: ConsentStatus = standing
      ? event.actor === 'privacy-officer'
        ? 'ConsentRevoked'
        : 'ConsentWithdrawn'
      : 'ConsentRefused';
    changes.push({
      status: withdrawn,
      at,
      eventIds: [eventId],
      actor: event.actor,
      policyVersion: event.policyVersion,
    });
    standing = undefined;
  }
  settle(now);
  return changes;
}

/**
 * When a grant stops by itself: at its expiry, or when the first later policy version that
 * requires re-consent for its category takes effect (the rule of `PolicyHistory.lapseOf`),
 * whichever comes first.
 */
function standingOf(given: StatusChange, category: string, policy: PolicyHistory): Standing {
  const lapsing = policy.versions.find(
    (v) =>
      v.document.version > given.policyVersion && v.document.reconsentRequired.includes(category),
  );
  const lapse = policy.lapseOf(category, given.policyVersion, given.at);
  const expiry = given.expiresAt;
  if (expiry !== undefined && (lapse === undefined || expiry <= lapse)) {
    return {
      endsAt: expiry,
      ending: { ...ended(given), status: 'ConsentExpired', at: expiry },
    };
  }
  if (lapse !== undefined && lapsing) {
    const version = lapsing.document.version;
    return {
      endsAt: lapse,
      ending: { ...ended(given), status: 'ConsentInvalidated', at: lapse, policyVersion: version },
    };
  }
  return { endsAt: Infinity };
}

function ended(given: StatusChange): StatusChange {
  return {
    status: given.status,
    at: given.at,
    eventIds: given.eventIds,
    policyVersion: given.policyVersion,
  };
}

function inValidTimeOrder(decisions: readonly ConsentDecision[]): ConsentDecision[] {
  return decisions
    .map((decision, order) => ({ decision, order, at: Date.parse(decision.event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ decision }) => decision);
}

function permissionKey(permission: Permission): string {
  return `${permission.category}\u0000${permission.recipient}\u0000${permission.purpose}`;
}
