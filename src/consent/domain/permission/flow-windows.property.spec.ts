import fc from 'fast-check';
import {
  CATEGORY_DEFAULTS,
  PRECISIONS,
  type PolicyDocument,
  type Precision,
} from '../policy/policy-document';
import { PolicyHistory } from '../policy/policy-history';
import type { PolicyPublished } from '../policy/policy.events';
import { toIso, toMillis } from '../../../shared/time/instant';
import type { Permission, SubjectEvent } from '../subject/subject.events';
import type { SubjectState } from '../subject/subject.state';
import {
  DAY,
  POLICY_V1_FROM,
  droneAppPolicy,
  permissions,
  policyPublished,
} from '../testing/fixtures';
import { PROPERTY_TEST_TIMEOUT_MS, propertyRunOptions } from '../testing/property-run-options';
import { runSubjectScript } from '../testing/run-subject-script';
import { SCRIPT_POLICIES } from '../testing/subject-script';
import { subjectScript } from '../testing/subject-script.arbitrary';
import { evaluatePermission } from './evaluate-permission';
import {
  combinationsEverOffered,
  flowWindows,
  type FlowWindow,
  type WindowCause,
} from './flow-windows';

jest.setTimeout(PROPERTY_TEST_TIMEOUT_MS);

const options = propertyRunOptions(20260610, 150);

/**
 * Later versions of the policy, as random as the rules allow: defaults, regions, offered
 * combinations, precisions and re-consent all change, at random instants or exactly at an
 * instant where a fact of the stream lies.
 */
interface VersionDraft {
  readonly defaults: readonly (typeof CATEGORY_DEFAULTS)[number][];
  readonly swapRegions: readonly boolean[];
  readonly dropFirstRecipient: readonly boolean[];
  readonly precisions: readonly (readonly Precision[])[];
  readonly reconsent: readonly string[];
  /** Days after version 2, or the index of a fact whose valid time to reuse. */
  readonly when: { readonly afterV2Days: number } | { readonly factIndex: number };
}

const BASE = droneAppPolicy();
const CATEGORY_KEYS = BASE.categories.map((c) => c.key);

const versionDraft: fc.Arbitrary<VersionDraft> = fc.record({
  defaults: fc.array(fc.constantFrom(...CATEGORY_DEFAULTS), {
    minLength: BASE.categories.length,
    maxLength: BASE.categories.length,
  }),
  swapRegions: fc.array(fc.boolean(), {
    minLength: BASE.recipients.length,
    maxLength: BASE.recipients.length,
  }),
  dropFirstRecipient: fc.array(fc.boolean(), {
    minLength: BASE.categories.length,
    maxLength: BASE.categories.length,
  }),
  precisions: fc.array(fc.subarray([...PRECISIONS], { minLength: 1 }), {
    minLength: BASE.categories.length,
    maxLength: BASE.categories.length,
  }),
  reconsent: fc.subarray(CATEGORY_KEYS),
  when: fc.oneof(
    fc.record({ afterV2Days: fc.integer({ min: 0, max: 60 }) }),
    fc.record({ factIndex: fc.nat() }),
  ),
});

function documentOf(draft: VersionDraft, version: number): PolicyDocument {
  return {
    ...BASE,
    version,
    recipients: BASE.recipients.map((r, i) =>
      draft.swapRegions[i] ? { ...r, region: r.region === 'row' ? 'cn' : 'row' } : r,
    ),
    categories: BASE.categories.map((c, i) => ({
      ...c,
      default: draft.defaults[i]!,
      precisions: [...draft.precisions[i]!],
      recipients:
        draft.dropFirstRecipient[i] && c.recipients.length > 1
          ? c.recipients.slice(1)
          : c.recipients,
    })),
    reconsentRequired: [...draft.reconsent],
  };
}

/** Version 1 and 2 as the scripts were decided under, then the drafted versions in order. */
function policiesFor(drafts: readonly VersionDraft[], stream: readonly SubjectEvent[]) {
  const published: PolicyPublished[] = [...SCRIPT_POLICIES];
  let from = toMillis(SCRIPT_POLICIES[1]!.occurredAt);
  drafts.forEach((draft, i) => {
    const wanted =
      'afterV2Days' in draft.when
        ? toMillis(SCRIPT_POLICIES[1]!.occurredAt) + draft.when.afterV2Days * DAY
        : stream.length > 0
          ? toMillis(stream[draft.when.factIndex % stream.length]!.occurredAt)
          : from;
    // Versions take effect in order, as the policy decider requires.
    from = Math.max(from, wanted);
    published.push(policyPublished(documentOf(draft, i + 3), toIso(from)));
  });
  return PolicyHistory.of(published);
}

/** Every instant where an answer may change, the millisecond before it, and a few others. */
function probeInstants(state: SubjectState, policy: PolicyHistory, extra: readonly number[]) {
  const instants = new Set<number>(extra);
  const add = (at: number) => {
    if (Number.isNaN(at)) return;
    instants.add(at);
    instants.add(at - 1);
    instants.add(at + 1);
  };
  for (const event of state.facts) {
    add(toMillis(event.occurredAt));
    if (event.type === 'consent-granted') {
      if (event.expiresAt !== undefined) add(toMillis(event.expiresAt));
      const lapse = policy.lapseOf(event.category, event.policyVersion, toMillis(event.occurredAt));
      if (lapse !== undefined) add(lapse);
    }
  }
  for (const version of policy.versions) add(version.effectiveFrom);
  return [...instants];
}

function inside(windows: readonly FlowWindow[], at: number): boolean {
  return windows.some((w) => w.start <= at && (w.end === undefined || at < w.end));
}

/** The instant a cause names must be the instant the window opened or closed. */
function causeInstant(cause: WindowCause, state: SubjectState, policy: PolicyHistory): number {
  switch (cause.kind) {
    case 'event':
      expect(state.facts[cause.revision]?.type).toBe(cause.type);
      return toMillis(state.facts[cause.revision]!.occurredAt);
    case 'policy-version':
      return policy.versions.find((v) => v.document.version === cause.version)!.effectiveFrom;
    case 'expiry': {
      const grant = state.facts[cause.revision]!;
      if (grant.type !== 'consent-granted' || grant.expiresAt === undefined) {
        throw new Error(`revision ${cause.revision} is not a grant with an expiry`);
      }
      return toMillis(grant.expiresAt);
    }
    case 'lapse': {
      const grant = state.facts[cause.revision]!;
      if (grant.type !== 'consent-granted') {
        throw new Error(`revision ${cause.revision} is not a grant`);
      }
      const version = policy.versions.find((v) => v.document.version === cause.version)!;
      expect(version.document.reconsentRequired).toContain(grant.category);
      return policy.lapseOf(grant.category, grant.policyVersion, toMillis(grant.occurredAt))!;
    }
  }
}

const seen = new Set<string>();

describe('flow windows over random histories and policies', () => {
  it('hold exactly the instants at which evaluatePermission permits a standing flow', () => {
    fc.assert(
      fc.property(
        subjectScript(),
        fc.array(versionDraft, { maxLength: 2 }),
        fc.option(fc.constantFrom(...PRECISIONS), { nil: undefined }),
        fc.array(
          fc.integer({
            min: toMillis(POLICY_V1_FROM) - 5 * DAY,
            max: toMillis(POLICY_V1_FROM) + 200 * DAY,
          }),
          {
            maxLength: 5,
          },
        ),
        (script, drafts, precision, randomInstants) => {
          const { state, stream } = runSubjectScript(script);
          const policy = policiesFor(drafts, stream);
          const probes = probeInstants(state, policy, randomInstants);
          const combinations: Permission[] = [
            ...combinationsEverOffered(policy),
            { ...permissions.locationCheck, purpose: 'map-display' },
          ];
          for (const combination of combinations) {
            const question = { ...combination, ...(precision ? { precision } : {}) };
            const { windows } = flowWindows(state, policy, question);
            checkShape(windows, state, policy);
            for (const at of probes) {
              const answer = evaluatePermission(state, policy, { ...question, at });
              expect({ combination, at, permitted: inside(windows, at) }).toEqual({
                combination,
                at,
                permitted: answer.permitted,
              });
              if (answer.permitted) seen.add(`basis:${answer.basis}`);
            }
          }
        },
      ),
      options,
    );
    const expected = ['grant', 'opt-out-default', 'mandatory']
      .map((b) => `basis:${b}`)
      .concat(
        ['event', 'policy-version', 'expiry', 'lapse'].flatMap((k) => [
          `opened:${k}`,
          `closed:${k}`,
        ]),
      );
    // Expiry and lapse can only close a window; every other kind must both open and close one.
    const impossible = ['opened:expiry', 'opened:lapse'];
    expect(expected.filter((label) => !impossible.includes(label) && !seen.has(label))).toEqual([]);
  });
});

function checkShape(windows: readonly FlowWindow[], state: SubjectState, policy: PolicyHistory) {
  windows.forEach((window, i) => {
    expect(window.bases[0]?.from).toBe(window.start);
    if (window.end !== undefined) expect(window.end).toBeGreaterThan(window.start);
    const next = windows[i + 1];
    if (next) {
      // Maximal: two windows never touch, and only the last may be open.
      expect(window.end).toBeDefined();
      expect(next.start).toBeGreaterThan(window.end!);
    }
    expect(causeInstant(window.openedBy, state, policy)).toBe(window.start);
    seen.add(`opened:${window.openedBy.kind}`);
    expect(window.closedBy === undefined).toBe(window.end === undefined);
    if (window.closedBy) {
      expect(causeInstant(window.closedBy, state, policy)).toBe(window.end);
      seen.add(`closed:${window.closedBy.kind}`);
    }
  });
}
