import type { PolicyHistory } from '../policy/policy-history';
import { fold } from '../../../shared/domain/decider';
import { toMillis, type IsoInstant } from '../../../shared/time/instant';
import {
  erasureRequested,
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
  revoked,
} from '../testing/event-builders';
import {
  DAY,
  NOW,
  POLICY_V1_FROM,
  POLICY_V2_FROM,
  REGISTERED_AT,
  droneAppHistory,
  droneAppHistoryWithV2,
  permissions,
  plus,
} from '../testing/fixtures';
import type { SubjectEvent } from '../subject/subject.events';
import { subjectDecider } from '../subject/subject.decider';
import { evaluatePermission } from './evaluate-permission';
import type { PermissionQuestion } from './permission-question';

const {
  deviceInfoForDiagnostics,
  locationForMapRow,
  appPerformance,
  locationCheck,
  uxImprovement,
} = permissions;
const day = (n: number): IsoInstant => plus(REGISTERED_AT, n * DAY);

function ask(
  events: SubjectEvent[],
  question: Omit<PermissionQuestion, 'at'> & { at: IsoInstant },
  policy: PolicyHistory = droneAppHistory(),
) {
  return evaluatePermission(fold(subjectDecider, events), policy, {
    ...question,
    at: toMillis(question.at),
  });
}

describe('evaluatePermission', () => {
  describe('before the subject exists', () => {
    it('refuses a question before the registration, resting on nothing', () => {
      expect(ask([registered()], { ...locationCheck, at: plus(REGISTERED_AT, -1) })).toEqual({
        permitted: false,
        reasons: ['before-registration'],
        evidence: [],
      });
    });

    it('refuses a question about a subject never registered', () => {
      expect(ask([], { ...locationCheck, at: NOW }).reasons).toEqual(['before-registration']);
    });

    it('answers from the instant of the registration', () => {
      expect(ask([registered()], { ...locationCheck, at: REGISTERED_AT })).toMatchObject({
        permitted: true,
        basis: 'mandatory',
      });
    });
  });

  describe('what the policy offers at T', () => {
    it('refuses a combination not offered, resting on the registration', () => {
      expect(ask([registered()], { ...locationCheck, purpose: 'map-display', at: NOW })).toEqual({
        permitted: false,
        reasons: ['not-offered'],
        evidence: [0],
        policyVersion: 1,
      });
    });

    it('refuses when no policy was in force at T', () => {
      const early = registered({ at: plus(POLICY_V1_FROM, -DAY) });
      expect(ask([early], { ...locationCheck, at: plus(POLICY_V1_FROM, -1) })).toEqual({
        permitted: false,
        reasons: ['not-offered'],
        evidence: [0],
      });
    });

    it('allows any precision of the category when the question names none', () => {
      expect(ask([registered()], { ...locationCheck, at: NOW }).permitted).toBe(true);
      expect(
        ask([registered()], { ...locationCheck, precision: 'precise', at: NOW }).reasons,
      ).toEqual(['precision']);
    });
  });

  describe('facts are applied in valid-time order', () => {
    const grantedThenRevokedEarlier = [
      registered(),
      granted(deviceInfoForDiagnostics, { at: day(5) }),
      revoked(deviceInfoForDiagnostics, { at: day(3) }),
    ];

    it('counts a back-dated revoke before a grant recorded earlier in the stream', () => {
      expect(
        ask(grantedThenRevokedEarlier, { ...deviceInfoForDiagnostics, at: day(4) }),
      ).toMatchObject({
        permitted: false,
        reasons: ['revoked'],
        evidence: [0, 2],
      });
      expect(
        ask(grantedThenRevokedEarlier, { ...deviceInfoForDiagnostics, at: day(6) }),
      ).toMatchObject({
        permitted: true,
        basis: 'grant',
        evidence: [0, 1],
      });
    });

    it('counts a back-dated switch of Local Data Mode at its own valid time', () => {
      const events = [
        registered(),
        localDataModeSwitchedOn(day(5)),
        localDataModeSwitchedOff(day(3)),
      ];
      expect(ask(events, { ...locationCheck, at: day(4) }).permitted).toBe(true);
      expect(ask(events, { ...locationCheck, at: day(6) })).toMatchObject({
        permitted: false,
        reasons: ['local-data-mode'],
        evidence: [0, 1],
      });
    });

    it('lets the later fact in the stream decide between facts of the same instant', () => {
      const events = [
        registered(),
        granted(deviceInfoForDiagnostics, { at: day(3) }),
        revoked(deviceInfoForDiagnostics, { at: day(3) }),
      ];
      expect(ask(events, { ...deviceInfoForDiagnostics, at: day(3) }).reasons).toEqual(['revoked']);
    });

    it('ignores facts after T', () => {
      const events = [registered(), granted(deviceInfoForDiagnostics, { at: day(3) })];
      expect(ask(events, { ...deviceInfoForDiagnostics, at: plus(day(3), -1) }).reasons).toEqual([
        'no-basis',
      ]);
      expect(ask(events, { ...deviceInfoForDiagnostics, at: day(3) }).basis).toBe('grant');
    });
  });

  describe('expiry and policy changes', () => {
    it('treats a grant as expired from its expiry instant', () => {
      const events = [registered(), granted(uxImprovement, { at: day(1), expiresAt: day(2) })];
      expect(ask(events, { ...uxImprovement, at: plus(day(2), -1) }).basis).toBe('grant');
      expect(ask(events, { ...uxImprovement, at: day(2) }).reasons).toEqual(['expired']);
    });

    it('lets a grant lapse when a version requiring re-consent takes effect', () => {
      const events = [registered(), granted(locationForMapRow, { at: day(1) })];
      const policy = droneAppHistoryWithV2();
      expect(
        ask(events, { ...locationForMapRow, at: plus(POLICY_V2_FROM, -1) }, policy),
      ).toMatchObject({
        permitted: true,
        basis: 'grant',
        policyVersion: 1,
      });
      expect(ask(events, { ...locationForMapRow, at: POLICY_V2_FROM }, policy)).toMatchObject({
        permitted: false,
        reasons: ['lapsed-by-policy-change'],
        policyVersion: 2,
        evidence: [0, 1],
      });
    });
  });

  describe('evidence: the revisions the answer rests on', () => {
    it('is the registration alone for a default', () => {
      expect(ask([registered()], { ...appPerformance, at: NOW })).toEqual({
        permitted: true,
        basis: 'opt-out-default',
        reasons: [],
        policyVersion: 1,
        evidence: [0],
      });
    });

    it('names the grant, the Local Data Mode switch and the erasure that decided', () => {
      const events = [
        registered(),
        granted(deviceInfoForDiagnostics, { at: day(1) }),
        localDataModeSwitchedOn(day(2)),
        erasureRequested({ kind: 'categories', categories: ['device-info'] }, { at: day(3) }),
        erasureRequested({ kind: 'account' }, { at: day(4), erasureId: 'erasure-2' }),
      ];
      expect(ask(events, { ...deviceInfoForDiagnostics, at: day(5) })).toEqual({
        permitted: false,
        reasons: ['local-data-mode', 'erased'],
        policyVersion: 1,
        evidence: [0, 1, 2, 3],
      });
    });

    it('leaves out facts about other combinations', () => {
      const events = [
        registered(),
        granted(uxImprovement, { at: day(1) }),
        granted(deviceInfoForDiagnostics, { at: day(2) }),
      ];
      expect(ask(events, { ...deviceInfoForDiagnostics, at: day(3) }).evidence).toEqual([0, 2]);
    });
  });

  it('refuses a recipient outside the residency together with the missing basis', () => {
    const events = [registered({ residency: 'cn' })];
    expect(ask(events, { ...locationForMapRow, at: NOW })).toMatchObject({
      permitted: false,
      reasons: ['no-basis', 'region'],
    });
    expect(ask(events, { ...locationForMapRow, userInitiated: true, at: NOW }).reasons).toEqual([
      'region',
    ]);
  });
});
