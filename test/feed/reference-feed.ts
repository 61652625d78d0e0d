import { evaluatePermission } from '../../src/consent/domain/permission/evaluate-permission';
import { combinationsEverOffered } from '../../src/consent/domain/permission/flow-windows';
import { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import { fold } from '../../src/shared/domain/decider';
import { subjectDecider } from '../../src/consent/domain/subject/subject.decider';
import type { SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { policyStream } from '../../src/shared/tenancy/stream-names';
import { toIso, toMillis } from '../../src/shared/time/instant';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';

export interface ReferenceChange {
  readonly subjectId: string;
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly permitted: boolean;
  readonly basis: string | null;
  readonly validFrom: string;
  readonly causeEventId: string;
  readonly trigger: 'event' | 'time';
  readonly policyVersion: number | null;
}

/**
 * The feed as the domain rules give it, computed the slow, obvious way and independently of
 * the projection: keep every subject's events and the policy; before each event, step through
 * every instant in (previous clock, new clock] at which any fact, expiry or version of anyone
 * lies, and ask `evaluatePermission` about every subject × combination there; after the
 * event, ask again at the clock about the subjects it concerns (its subject, or all of them for
 * a version). Whatever answer (permitted, basis) differs from the last one given is a change.
 */
export function referenceFeed(events: readonly RecordedEvent[]): ReferenceChange[] {
  const streams = new Map<string, SubjectEvent[]>();
  const policies: PolicyPublished[] = [];
  const said = new Map<string, string | undefined>();
  const changes: ReferenceChange[] = [];
  let clock = -Infinity;

  const ask = (
    subjectId: string,
    at: number,
    validFrom: number,
    cause: string,
    trigger: 'event' | 'time',
  ) => {
    const policy = PolicyHistory.of(policies);
    const state = fold(subjectDecider, streams.get(subjectId) ?? []);
    for (const combination of combinationsEverOffered(policy)) {
      const answer = evaluatePermission(state, policy, { ...combination, at });
      const key = JSON.stringify([
        subjectId,
        combination.category,
        combination.recipient,
        combination.purpose,
      ]);
      const basis = answer.permitted ? answer.basis : undefined;
      if (said.get(key) === basis) continue;
      said.set(key, basis);
      changes.push({
        subjectId,
        ...combination,
        permitted: basis !== undefined,
        basis: basis ?? null,
        validFrom: toIso(validFrom),
        causeEventId: cause,
        trigger,
        policyVersion: answer.policyVersion ?? null,
      });
    }
  };
  const subjects = () => [...streams.keys()].sort();

  for (const event of events) {
    const now = Math.max(clock, event.recordedAt.getTime());
    for (const at of instantsBetween(streams, policies, clock, now)) {
      for (const subjectId of subjects()) ask(subjectId, at, at, event.id, 'time');
    }
    clock = now;
    if (event.streamName === policyStream(TENANT_ID)) {
      const policy = event.data as unknown as PolicyPublished;
      policies.push(policy);
      for (const subjectId of subjects()) {
        ask(subjectId, clock, toMillis(policy.occurredAt), event.id, 'event');
      }
    } else if (event.type !== 'something-else') {
      const fact = event.data as unknown as SubjectEvent;
      const subjectId = fact.subjectId;
      streams.set(subjectId, [...(streams.get(subjectId) ?? []), fact]);
      ask(subjectId, clock, toMillis(fact.occurredAt), event.id, 'event');
    }
  }
  return changes;
}

/** Every instant in (from, to] where a fact, an expiry or a version of anyone lies, ascending. */
function instantsBetween(
  streams: ReadonlyMap<string, readonly SubjectEvent[]>,
  policies: readonly PolicyPublished[],
  from: number,
  to: number,
): number[] {
  const instants = new Set<number>();
  for (const policy of policies) instants.add(toMillis(policy.occurredAt));
  for (const facts of streams.values()) {
    for (const fact of facts) {
      instants.add(toMillis(fact.occurredAt));
      if (fact.type === 'consent-granted' && fact.expiresAt !== undefined) {
        instants.add(toMillis(fact.expiresAt));
      }
    }
  }
  return [...instants].filter((at) => at > from && at <= to).sort((a, b) => a - b);
}
