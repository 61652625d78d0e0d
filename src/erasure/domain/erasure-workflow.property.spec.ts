import fc from 'fast-check';
import { DomainError } from '../../shared/domain/domain-error';
import { fold } from '../../shared/domain/decider';
import { toIso, toMillis } from '../../shared/time/instant';

import { subjectStreamDecider, type SubjectStreamCommand } from './testing/subject-stream-decider';
import type {
  ErasureScope,
  Permission,
  SubjectEvent,
} from '../../consent/domain/subject/subject.events';
import {
  erasureRequested,
  registered,
  syncRecorded,
} from '../../consent/domain/testing/event-builders';
import {
  DAY,
  HOUR,
  commandContext,
  importContext,
  permissions,
  plus,
} from '../../consent/domain/testing/fixtures';
import {
  PROPERTY_TEST_TIMEOUT_MS,
  propertyRunOptions,
} from '../../consent/domain/testing/property-run-options';
import { erasureDeadline, latestExtendedDeadline } from './erasure-deadline';
import { recipientsOf } from './erasure-recipients';
import { ErasureRefusal } from './erasure-refusal';
import {
  REQUESTED_AT,
  complete,
  confirm,
  extendDeadline,
  recordNotifications,
} from './testing/erasure-builders';

jest.setTimeout(PROPERTY_TEST_TIMEOUT_MS);

const options = propertyRunOptions(20260613, 500);
const REQUESTED = toMillis(REQUESTED_AT);
const ORIGINAL = erasureDeadline(REQUESTED);
const LATEST = latestExtendedDeadline(REQUESTED);

const FLOWS: readonly Permission[] = [
  permissions.locationForMapRow,
  permissions.locationCheck,
  permissions.flightLogsBackup,
  permissions.deviceInfoForDiagnostics,
  permissions.locationForMapCn,
];
const RECIPIENTS = ['first-party-row', 'map-provider-row', 'map-provider-cn', 'data-broker'];

type Step =
  | { kind: 'notify' }
  | { kind: 'confirm'; recipient: string; confirmedAgoMs: number }
  | { kind: 'extend'; deadlineMs: number | 'default'; toldAgoMs: number; imported: boolean }
  | { kind: 'complete'; override: boolean; officer: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'notify' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('confirm' as const),
      recipient: fc.constantFrom(...RECIPIENTS),
      confirmedAgoMs: fc.integer({ min: -HOUR, max: 40 * DAY }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extend' as const),
      deadlineMs: fc.oneof(
        fc.constant('default' as const),
        fc.integer({ min: ORIGINAL - 5 * DAY, max: LATEST + 5 * DAY }),
      ),
      toldAgoMs: fc.oneof(
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: -HOUR, max: 40 * DAY }),
      ),
      imported: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      override: fc.boolean(),
      officer: fc.boolean(),
    }),
  },
);

const scenario = fc.record({
  flows: fc.subarray([...FLOWS]),
  scope: fc.oneof(
    fc.constant<ErasureScope>({ kind: 'account' }),
    fc
      .subarray(['approximate-location', 'location-check', 'flight-logs', 'media'], {
        minLength: 1,
      })
      .map((categories): ErasureScope => ({ kind: 'categories', categories })),
  ),
  /** How long after the request the first step comes: sometimes after the deadline. */
  startMs: fc.integer({ min: HOUR, max: 40 * DAY }),
  steps: fc.array(fc.record({ advanceMs: fc.integer({ min: 0, max: 6 * DAY }), step }), {
    maxLength: 20,
  }),
});

function commandOf(step: Step, now: number): SubjectStreamCommand {
  const at = toIso(now);
  const context = commandContext({ now });
  switch (step.kind) {
    case 'notify':
      return recordNotifications({ at, context });
    case 'confirm':
      return confirm(step.recipient, {
        at,
        context,
        confirmedAt: toIso(now - step.confirmedAgoMs),
      });
    case 'extend': {
      // An import records, later, an extension decided within the first month.
      const decidedAt = step.imported ? Math.min(now, ORIGINAL - HOUR) : now;
      return extendDeadline({
        at: toIso(decidedAt),
        context: step.imported ? importContext({ now }) : context,
        subjectToldAt: toIso(now - step.toldAgoMs),
        ...(step.deadlineMs === 'default' ? {} : { newDeadline: toIso(step.deadlineMs) }),
      });
    }
    case 'complete':
      return complete({
        at,
        context,
        ...(step.override ? { overrideReason: 'unreachable' } : {}),
        actor: step.officer ? 'privacy-officer' : 'app',
      });
  }
}

/** What the random workflows exercised, to prove the properties were not vacuous. */
const seen = new Set<string>();

describe('the erasure workflow over random step sequences', () => {
  it('only ever records what its rules allow, and replays to the same decisions', () => {
    fc.assert(
      fc.property(scenario, ({ flows, scope, startMs, steps }) => {
        const stream: SubjectEvent[] = [
          registered(),
          ...flows.map((flow, i) =>
            syncRecorded(flow, 'grant', { syncId: `s-${i}`, at: plus(REQUESTED_AT, -DAY) }),
          ),
          erasureRequested(scope, { at: REQUESTED_AT }),
        ];
        let now = REQUESTED + startMs;
        for (const { advanceMs, step } of steps) {
          now += advanceMs;
          const command = commandOf(step, now);
          const state = fold(subjectStreamDecider, stream);
          const events = decided(command, stream);
          expect(decided(command, [...stream])).toEqual(events);
          expect(fold(subjectStreamDecider, stream)).toStrictEqual(state);
          if (events) {
            seen.add(`accepted:${step.kind}:${events.length > 0 ? 'recorded' : 'nothing'}`);
            stream.push(...events);
          }
        }
        checkStream(stream, scope);
      }),
      options,
    );

    expect(
      [
        'accepted:notify:recorded',
        'accepted:notify:nothing',
        'accepted:confirm:recorded',
        'accepted:confirm:nothing',
        'accepted:extend:recorded',
        'accepted:complete:recorded',
        'completed:all-confirmed',
        'completed:override',
        ...[
          'erasure-already-completed',
          'erasure-already-extended',
          'erasure-deadline-passed',
          'invalid-erasure-deadline',
          'subject-told-too-late',
          'recipient-not-notified',
          'erasure-notifications-pending',
          'erasure-not-confirmed',
          'override-not-permitted',
          'invalid-time',
        ].map((code) => `refused:${code}`),
      ].filter((label) => !seen.has(label)),
    ).toEqual([]);
  });
});

/** The events the command records, or undefined when a rule refuses it. */
function decided(
  command: SubjectStreamCommand,
  stream: readonly SubjectEvent[],
): SubjectEvent[] | undefined {
  try {
    return subjectStreamDecider.decide(command, fold(subjectStreamDecider, stream));
  } catch (error) {
    if (error instanceof ErasureRefusal || error instanceof DomainError) {
      seen.add(`refused:${error.code}`);
      return undefined;
    }
    throw error;
  }
}

/** The rules, checked on the stream afterwards rather than on each decision. */
function checkStream(stream: readonly SubjectEvent[], scope: ErasureScope): void {
  const expected = recipientsOf(stream, scope);
  const notified: string[] = [];
  const confirmed = new Set<string>();
  let extensions = 0;
  let completed = false;
  for (const event of stream) {
    if (completed) expect(event.type).not.toMatch(/^erasure-/);
    switch (event.type) {
      case 'erasure-processor-notified':
        expect(notified).not.toContain(event.recipient);
        expect(expected.get(event.recipient)).toEqual(event.categories);
        notified.push(event.recipient);
        break;
      case 'erasure-processor-confirmed':
        expect(notified).toContain(event.recipient);
        expect(confirmed.has(event.recipient)).toBe(false);
        expect(toMillis(event.confirmedAt)).toBeGreaterThanOrEqual(REQUESTED);
        confirmed.add(event.recipient);
        break;
      case 'erasure-deadline-extended': {
        extensions += 1;
        expect(toMillis(event.occurredAt)).toBeLessThanOrEqual(ORIGINAL);
        expect(toMillis(event.subjectToldAt)).toBeLessThanOrEqual(ORIGINAL);
        expect(toMillis(event.subjectToldAt)).toBeGreaterThanOrEqual(REQUESTED);
        const deadline = toMillis(event.newDeadline);
        expect(deadline > ORIGINAL && deadline <= LATEST).toBe(true);
        break;
      }
      case 'erasure-completed':
        completed = true;
        seen.add(`completed:${event.completion}`);
        expect([...expected.keys()].every((r) => notified.includes(r))).toBe(true);
        expect(event.recipients.map((r) => r.recipient)).toEqual([...notified].sort());
        if (event.completion === 'all-confirmed') {
          expect(notified.every((r) => confirmed.has(r))).toBe(true);
        } else {
          expect(event.actor).toBe('privacy-officer');
          expect(event.overrideReason).toBeDefined();
        }
        break;
      default:
        break;
    }
  }
  expect(extensions).toBeLessThanOrEqual(1);
}
