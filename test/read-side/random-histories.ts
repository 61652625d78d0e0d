import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { policyStream, subjectStream } from '../../src/consent/application/streams';
import { combinationsEverOffered } from '../../src/consent/domain/permission/flow-windows';
import { PRECISIONS, type Precision } from '../../src/consent/domain/policy/policy-document';
import { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import { toMillis } from '../../src/consent/domain/shared/instant';
import type { Permission, SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import {
  DAY,
  POLICY_V1_FROM,
  TENANT_ID,
  droneAppPolicy,
  plus,
  policyPublished,
  withCategory,
} from '../../src/consent/domain/testing/fixtures';
import { runSubjectScript } from '../../src/consent/domain/testing/run-subject-script';
import { SCRIPT_POLICIES } from '../../src/consent/domain/testing/subject-script';
import { subjectScript } from '../../src/consent/domain/testing/subject-script.arbitrary';
import type { EventStore, JsonObject } from '../../src/event-store/event-store.port';

/**
 * Random subject histories as the decider records them (the domain's own generators), each
 * under its own pseudonym in the tenant's subject streams, with the tenant's policy stream:
 * versions 1 and 2 (re-consent, published amid the subjects) that the histories were decided
 * under, and later a version 3 that changes a default and a region, which makes the read
 * side recompute every subject.
 */
export interface RandomHistory {
  readonly subjectId: string;
  readonly events: readonly SubjectEvent[];
  readonly questions: readonly RandomQuestion[];
}

export interface RandomQuestion extends Permission {
  readonly at: number;
  readonly precision?: Precision;
}

const V3: PolicyPublished = policyPublished(
  {
    ...withCategory(droneAppPolicy(), 'device-info', { default: 'opt-out' }),
    version: 3,
    recipients: droneAppPolicy().recipients.map((r) =>
      r.key === 'map-provider-row' ? { ...r, region: 'cn' } : r,
    ),
  },
  plus(POLICY_V1_FROM, 90 * DAY),
);

export const POLICIES: readonly PolicyPublished[] = [...SCRIPT_POLICIES, V3];
/** Versions 1 and 2; then with version 3. */
export const HISTORY_V2 = PolicyHistory.of(SCRIPT_POLICIES);
export const HISTORY_V3 = PolicyHistory.of(POLICIES);
const COMBINATIONS: Permission[] = [
  ...combinationsEverOffered(HISTORY_V3),
  { category: 'location-check', recipient: 'first-party-row', purpose: 'map-display' },
];

const questionDraft = fc.record({
  combination: fc.nat(),
  pick: fc.nat(),
  offset: fc.constantFrom(-1, 0, 1, DAY / 2),
  precision: fc.option(fc.constantFrom(...PRECISIONS), { nil: undefined }),
});

/** `count` histories, the same on every run (fixed seed). */
export function randomHistories(count: number, seed: number): RandomHistory[] {
  const drafts = fc.sample(
    fc.record({
      script: subjectScript(25),
      questions: fc.array(questionDraft, { minLength: 8, maxLength: 8 }),
    }),
    { seed, numRuns: count },
  );
  return drafts.flatMap(({ script, questions }, index) => {
    const subjectId = `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`;
    const events = runSubjectScript(script).stream.map((event) => ({ ...event, subjectId }));
    if (events.length === 0) return [];
    const instants = [
      ...events.map((e) => toMillis(e.occurredAt)),
      ...POLICIES.map((p) => toMillis(p.occurredAt)),
    ];
    return [
      {
        subjectId,
        events,
        questions: questions.map((q) => ({
          ...COMBINATIONS[q.combination % COMBINATIONS.length]!,
          at: instants[q.pick % instants.length]! + q.offset,
          ...(q.precision ? { precision: q.precision } : {}),
        })),
      },
    ];
  });
}

/** Appends versions 1 and 2 and the histories; resolves to the head position. */
export async function appendHistories(
  store: EventStore,
  histories: readonly RandomHistory[],
): Promise<bigint> {
  const publish = (version: PolicyPublished, revision: number) =>
    store.append(policyStream(TENANT_ID), [event(version)], revision < 0 ? 'no_stream' : revision);
  await publish(POLICIES[0]!, -1);
  const half = Math.floor(histories.length / 2);
  for (const [i, history] of histories.entries()) {
    // Version 2 (re-consent) arrives amid the subjects: grants of earlier subjects lapse.
    if (i === half) await publish(POLICIES[1]!, 0);
    await store.append(
      subjectStream(TENANT_ID, history.subjectId),
      history.events.map(event),
      'no_stream',
    );
  }
  if (histories.length <= half) await publish(POLICIES[1]!, 0);
  return store.headPosition();
}

/** Appends version 3; resolves to its position. */
export async function appendVersion3(store: EventStore): Promise<bigint> {
  const result = await store.append(policyStream(TENANT_ID), [event(POLICIES[2]!)], 1);
  return result.position;
}

function event(data: SubjectEvent | PolicyPublished) {
  return { id: randomUUID(), type: data.type, data: data as unknown as JsonObject };
}
