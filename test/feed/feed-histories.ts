import fc from 'fast-check';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import type { SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import { DAY, POLICY_V1_FROM, TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import { runSubjectScript } from '../../src/consent/domain/testing/run-subject-script';
import { subjectScript } from '../../src/consent/domain/testing/subject-script.arbitrary';
import type { JsonObject, RecordedEvent } from '../../src/event-store/event-store.port';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import { toMillis } from '../../src/shared/time/instant';
import { policiesOf } from '../read-side/random-histories';

/**
 * Random tenant histories as the global feed delivers them: a few subjects' streams decided
 * by the subject decider (grants with and without expiry, revokes, Local Data Mode, syncs,
 * erasure requests, imports back-dated), each event recorded at the clock its command was
 * decided at; the policy versions (1; 2, which requires consent again; sometimes 3, which
 * changes a default and a region) recorded before or after they take effect; and a last
 * unrelated event recorded long after everything, which moves the feed's clock past every
 * expiry and version. Merged in transaction-time order, ties in a fixed order.
 */
export interface FeedHistory {
  readonly events: readonly RecordedEvent[];
  /** Where to cut the feed into batches (indexes into `events`). */
  readonly cuts: readonly number[];
}

const V1_MS = toMillis(POLICY_V1_FROM);

export const feedHistory: fc.Arbitrary<FeedHistory> = fc
  .record({
    scripts: fc.array(subjectScript(14), { minLength: 1, maxLength: 4 }),
    v2RecordedOffset: fc.integer({ min: -3 * DAY, max: 80 * DAY }),
    v3RecordedOffset: fc.option(fc.integer({ min: 0, max: 120 * DAY }), { nil: undefined }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ scripts, v2RecordedOffset, v3RecordedOffset, cuts }) => {
    const drafts: { at: number; order: number; make: (position: bigint) => RecordedEvent }[] = [];
    const [v1, v2, v3] = policiesOf(TENANT_ID, 0);
    const policyRecords: [PolicyPublished, number][] = [
      [v1!, V1_MS - 4 * DAY],
      [v2!, V1_MS + v2RecordedOffset],
      ...(v3RecordedOffset === undefined
        ? []
        : ([[v3!, V1_MS + v2RecordedOffset + v3RecordedOffset]] as [PolicyPublished, number][])),
    ];
    // Versions are published in order, so each is recorded no earlier than the one before.
    policyRecords.forEach(([policy, at], revision) => {
      drafts.push({
        at,
        order: drafts.length,
        make: (position) =>
          recorded(policyStream(TENANT_ID), revision, position, at, policy, `p${revision}`),
      });
    });
    scripts.forEach((script, index) => {
      const subjectId = `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`;
      let revision = 0;
      for (const decision of runSubjectScript(script).decisions) {
        if (!decision.outcome.accepted) continue;
        const at = decision.command.context.now;
        for (const event of decision.outcome.events) {
          const rev = revision++;
          const data = { ...event, subjectId } as SubjectEvent;
          drafts.push({
            at,
            order: drafts.length,
            make: (position) =>
              recorded(
                subjectStream(TENANT_ID, subjectId),
                rev,
                position,
                at,
                data,
                `s${index}-${rev}`,
              ),
          });
        }
      }
    });
    const lastAt = V1_MS + 400 * DAY;
    drafts.push({
      at: lastAt,
      order: drafts.length,
      make: (position) => ({
        id: eventId('tick'),
        type: 'something-else',
        streamName: 'elsewhere',
        streamRevision: 0,
        globalPosition: position,
        data: {},
        metadata: {},
        recordedAt: new Date(lastAt),
      }),
    });
    drafts.sort((a, b) => a.at - b.at || a.order - b.order);
    const events = drafts.map((draft, i) => draft.make(BigInt(i + 1)));
    return {
      events,
      cuts: [...new Set(cuts.map((c) => c % events.length))].sort((a, b) => a - b),
    };
  });

function recorded(
  streamName: string,
  streamRevision: number,
  globalPosition: bigint,
  at: number,
  data: SubjectEvent | PolicyPublished,
  name: string,
): RecordedEvent {
  return {
    id: eventId(name),
    type: data.type,
    streamName,
    streamRevision,
    globalPosition,
    data: data as unknown as JsonObject,
    metadata: {},
    recordedAt: new Date(at),
  };
}

/** A readable, stable id per event of a history. */
function eventId(name: string): string {
  return `event-${name}`;
}

/** The events in batches cut at `cuts`. */
export function batchesOf(history: FeedHistory): RecordedEvent[][] {
  const batches: RecordedEvent[][] = [];
  let from = 0;
  for (const cut of [...history.cuts, history.events.length]) {
    if (cut > from) batches.push(history.events.slice(from, cut));
    from = Math.max(from, cut);
  }
  return batches;
}
