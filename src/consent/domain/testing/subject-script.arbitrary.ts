import fc from 'fast-check';
import { PRECISIONS } from '../policy/policy-document';
import { toMillis } from '../../../shared/time/instant';
import type { Permission } from '../subject/subject.events';
import {
  DAY,
  HOUR,
  MAX_CLOCK_SKEW_MS,
  POLICY_V1_FROM,
  droneAppPolicy,
  permissions,
} from './fixtures';
import type { Draft, Expiry, ScriptStep, SubjectScript, Timing } from './subject-script';

/**
 * Generators of subject scripts. The weights are tuned so that the rules meet: grants, revokes
 * and syncs of the same few combinations, subjects that mostly get registered, histories that
 * cross the publication of version 2. The property test checks that every rule was reached.
 */
const policy = droneAppPolicy();
const OFFERED: Permission[] = policy.categories.flatMap((c) =>
  c.recipients.flatMap((recipient) =>
    c.purposes.map((purpose) => ({ category: c.key, recipient, purpose })),
  ),
);
const keys = (list: readonly { key: string }[]) => list.map((x) => x.key);
const CATEGORIES = keys(policy.categories);

/** Mostly a few combinations, so that grants, revokes and syncs meet; sometimes any. */
const permission: fc.Arbitrary<Permission> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      permissions.deviceInfoForDiagnostics,
      permissions.locationForMapRow,
      permissions.appPerformance,
      permissions.locationCheck,
      permissions.flightLogsBackup,
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...OFFERED) },
  {
    weight: 1,
    arbitrary: fc.record({
      category: fc.constantFrom(...CATEGORIES, 'contacts'),
      recipient: fc.constantFrom(...keys(policy.recipients), 'data-broker'),
      purpose: fc.constantFrom(...keys(policy.purposes), 'marketing'),
    }),
  },
);

const liveTiming = fc.record({
  kind: fc.constant('live' as const),
  offsetMs: fc.integer({ min: -MAX_CLOCK_SKEW_MS, max: MAX_CLOCK_SKEW_MS }),
});

const timing: fc.Arbitrary<Timing> = fc.oneof(
  { weight: 12, arbitrary: liveTiming },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      offsetMs: fc.integer({ min: -30 * DAY, max: 0 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('back-dated-live' as const),
      offsetMs: fc.integer({ min: -30 * DAY, max: -MAX_CLOCK_SKEW_MS - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('too-far-ahead' as const),
      offsetMs: fc.integer({ min: MAX_CLOCK_SKEW_MS + 1, max: 2 * DAY }),
    }),
  },
);

const register = (residencies: string[]) =>
  fc.record({
    type: fc.constant('register-subject' as const),
    residency: fc.constantFrom(...residencies),
  });

const expiry: fc.Arbitrary<Expiry> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('none' as const) },
  { weight: 3, arbitrary: fc.record({ inMs: fc.integer({ min: -HOUR, max: 20 * DAY }) }) },
  { weight: 1, arbitrary: fc.constant('not-an-instant' as const) },
);

const draft: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 1, arbitrary: register(['row', 'cn', 'mars']) },
  {
    weight: 6,
    arbitrary: fc.record({ type: fc.constant('grant-consent' as const), permission, expiry }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('revoke-consent' as const), permission }) },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('record-sync' as const),
      permission,
      syncId: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `sync-${i}`)),
      precision: fc.oneof(
        { weight: 3, arbitrary: fc.constant('allowed' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...PRECISIONS) },
      ),
      userInitiated: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('switch-local-data-mode' as const),
      on: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('request-erasure' as const),
      erasureId: fc.constantFrom('erasure-1', 'erasure-2', 'erasure-3'),
      scope: fc.oneof(
        { weight: 1, arbitrary: fc.constant({ kind: 'account' } as const) },
        {
          weight: 5,
          arbitrary: fc.record({
            kind: fc.constant('categories' as const),
            categories: fc.subarray([...CATEGORIES, 'contacts'], { maxLength: 3 }),
          }),
        },
      ),
    }),
  },
);

const step = (drafts: fc.Arbitrary<Draft>): fc.Arbitrary<ScriptStep> =>
  fc.record({ advanceMs: fc.integer({ min: 0, max: 2 * DAY }), timing, draft: drafts });

/** Starts mostly with a registration; runs across the publication of version 2. */
export const subjectScript = (maxSteps = 40): fc.Arbitrary<SubjectScript> =>
  fc
    .record({
      startMs: fc.integer({
        min: toMillis(POLICY_V1_FROM) - 3 * DAY,
        max: toMillis(POLICY_V1_FROM) + 60 * DAY,
      }),
      first: fc.oneof(
        {
          weight: 9,
          arbitrary: fc.record({
            advanceMs: fc.constant(0),
            timing: liveTiming,
            draft: register(['row', 'row', 'cn']),
          }),
        },
        { weight: 1, arbitrary: step(draft) },
      ),
      rest: fc.array(step(draft), { minLength: 5, maxLength: maxSteps - 1, size: 'max' }),
    })
    .map(({ startMs, first, rest }) => ({ startMs, steps: [first, ...rest] }));
