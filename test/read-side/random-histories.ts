import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import { combinationsEverOffered } from '../../src/consent/domain/permission/flow-windows';
import { PRECISIONS, type Precision } from '../../src/consent/domain/policy/policy-document';
import { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import { toIso, toMillis } from '../../src/shared/time/instant';
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

/** A second tenant whose histories all lie years after the moment they are recorded. */
export const FUTURE_TENANT = 'tenant-future';
/** How far the future tenant's histories and policies are moved: past any test run's clock. */
export const FUTURE_SHIFT_MS = 5 * 366 * DAY;

/** The policies as `tenantId` publishes them: moved by `shiftMs` in valid time. */
export function policiesOf(tenantId: string, shiftMs: number): PolicyPublished[] {
  return POLICIES.map((policy) => ({
    ...policy,
    tenantId,
    occurredAt: shiftIso(policy.occurredAt, shiftMs),
  }));
}

/** The history as another tenant's, every valid time (and expiry) moved by `shiftMs`. */
export function movedHistory(
  history: RandomHistory,
  tenantId: string,
  shiftMs: number,
): RandomHistory {
  return {
    subjectId: history.subjectId,
    events: history.events.map((event) => ({
      ...event,
      tenantId,
      occurredAt: shiftIso(event.occurredAt, shiftMs),
      ...('expiresAt' in event && event.expiresAt !== undefined
        ? { expiresAt: shiftIso(event.expiresAt, shiftMs) }
        : {}),
    })),
    questions: history.questions.map((q) => ({ ...q, at: q.at + shiftMs })),
  };
}

function shiftIso(instant: string, shiftMs: number): string {
  return toIso(toMillis(instant) + shiftMs);
}

/** Appends in flight at once: the event store commits each wave as a few transactions. */
const APPENDS_PER_WAVE = 64;

/**
 * Appends the tenant's versions 1 and 2 and the histories, each in two parts (the first
 * `split` events of every history, then the rest of every one), so that the ledger learned
 * the histories in steps and "as known at" questions have prefixes to find. Version 2
 * (re-consent) arrives amid the first parts: grants of earlier subjects lapse. Resolves to
 * the head position.
 */
export async function appendHistories(
  store: EventStore,
  histories: readonly RandomHistory[],
  tenantId = TENANT_ID,
  shiftMs = 0,
): Promise<bigint> {
  const [v1, v2] = policiesOf(tenantId, shiftMs);
  const publish = (version: PolicyPublished, revision: number) =>
    store.append(policyStream(tenantId), [event(version)], revision < 0 ? 'no_stream' : revision);
  await publish(v1!, -1);
  const half = Math.floor(histories.length / 2);
  const splits = histories.map((h) => firstPartLength(h));
  await inWaves(histories.slice(0, half), (history, i) =>
    appendPart(store, tenantId, history, 0, splits[i]!),
  );
  await publish(v2!, 0);
  await inWaves(histories.slice(half), (history, i) =>
    appendPart(store, tenantId, history, 0, splits[half + i]!),
  );
  await inWaves(histories, (history, i) =>
    appendPart(store, tenantId, history, splits[i]!, history.events.length),
  );
  return store.headPosition();
}

/** Appends version 3 for the tenant; resolves to its position. */
export async function appendVersion3(
  store: EventStore,
  tenantId = TENANT_ID,
  shiftMs = 0,
): Promise<bigint> {
  const v3 = policiesOf(tenantId, shiftMs)[2]!;
  const result = await store.append(policyStream(tenantId), [event(v3)], 1);
  return result.position;
}

/** Between 1 and all of the history's events, chosen from its content (so, by the seed). */
function firstPartLength(history: RandomHistory): number {
  const length = history.events.length;
  return 1 + (history.questions[0]!.at % length);
}

async function appendPart(
  store: EventStore,
  tenantId: string,
  history: RandomHistory,
  from: number,
  to: number,
): Promise<void> {
  if (from >= to) return;
  await store.append(
    subjectStream(tenantId, history.subjectId),
    history.events.slice(from, to).map(event),
    from === 0 ? 'no_stream' : from - 1,
  );
}

async function inWaves<T>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  for (let offset = 0; offset < items.length; offset += APPENDS_PER_WAVE) {
    await Promise.all(
      items.slice(offset, offset + APPENDS_PER_WAVE).map((item, i) => run(item, offset + i)),
    );
  }
}

function event(data: SubjectEvent | PolicyPublished) {
  return { id: randomUUID(), type: data.type, data: data as unknown as JsonObject };
}
