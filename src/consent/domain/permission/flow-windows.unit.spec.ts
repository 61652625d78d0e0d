import { PolicyHistory } from '../policy/policy-history';
import { fold } from '../../../shared/domain/decider';
import { toMillis, type IsoInstant } from '../../../shared/time/instant';
import type { SubjectEvent } from '../subject/subject.events';
import { subjectDecider } from '../subject/subject.decider';
import {
  erasureRequested,
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
  revoked,
  syncRecorded,
} from '../testing/event-builders';
import {
  DAY,
  POLICY_V1_FROM,
  POLICY_V2_FROM,
  REGISTERED_AT,
  droneAppHistory,
  droneAppHistoryWithV2,
  droneAppPolicy,
  permissions,
  plus,
  policyPublished,
  withCategory,
} from '../testing/fixtures';
import {
  allFlowWindows,
  combinationsEverOffered,
  flowWindows,
  knownBy,
  type FlowWindowsQuestion,
} from './flow-windows';

const { deviceInfoForDiagnostics, locationForMapRow, appPerformance, locationCheck } = permissions;
const { uxImprovement, flightLogsBackup } = permissions;
const day = (n: number): IsoInstant => plus(REGISTERED_AT, n * DAY);
const ms = (instant: IsoInstant): number => toMillis(instant);

function windowsOf(
  events: SubjectEvent[],
  question: FlowWindowsQuestion,
  policy: PolicyHistory = droneAppHistory(),
) {
  return flowWindows(fold(subjectDecider, events), policy, question);
}

describe('flowWindows', () => {
  describe('mandatory categories', () => {
    it('opens at the registration and stays open', () => {
      expect(windowsOf([registered()], locationCheck)).toEqual({
        windows: [
          {
            start: ms(REGISTERED_AT),
            openedBy: { kind: 'event', revision: 0, type: 'subject-registered' },
            bases: [{ from: ms(REGISTERED_AT), basis: 'mandatory' }],
          },
        ],
        oneOffFlows: [],
      });
    });

    it('is cut by Local Data Mode, switch by switch', () => {
      const events = [
        registered(),
        localDataModeSwitchedOn(day(2)),
        localDataModeSwitchedOff(day(3)),
      ];
      expect(windowsOf(events, locationCheck).windows).toEqual([
        {
          start: ms(REGISTERED_AT),
          end: ms(day(2)),
          openedBy: { kind: 'event', revision: 0, type: 'subject-registered' },
          closedBy: { kind: 'event', revision: 1, type: 'local-data-mode-switched-on' },
          bases: [{ from: ms(REGISTERED_AT), basis: 'mandatory' }],
        },
        {
          start: ms(day(3)),
          openedBy: { kind: 'event', revision: 2, type: 'local-data-mode-switched-off' },
          bases: [{ from: ms(day(3)), basis: 'mandatory' }],
        },
      ]);
    });

    it('never opens at a precision the category does not allow', () => {
      expect(windowsOf([registered()], { ...locationCheck, precision: 'precise' }).windows).toEqual(
        [],
      );
      expect(
        windowsOf([registered()], { ...locationCheck, precision: 'approximate' }).windows,
      ).toHaveLength(1);
    });
  });

  describe('opt-in categories', () => {
    it('opens with the grant and closes with the revoke', () => {
      const events = [
        registered(),
        granted(deviceInfoForDiagnostics, { at: day(1) }),
        revoked(deviceInfoForDiagnostics, { at: day(4) }),
      ];
      expect(windowsOf(events, deviceInfoForDiagnostics).windows).toEqual([
        {
          start: ms(day(1)),
          end: ms(day(4)),
          openedBy: { kind: 'event', revision: 1, type: 'consent-granted' },
          closedBy: { kind: 'event', revision: 2, type: 'consent-revoked' },
          bases: [{ from: ms(day(1)), basis: 'grant' }],
        },
      ]);
    });

    it('closes at the expiry instant, to the millisecond', () => {
      const events = [registered(), granted(uxImprovement, { at: day(1), expiresAt: day(2) })];
      expect(windowsOf(events, uxImprovement).windows).toEqual([
        expect.objectContaining({
          start: ms(day(1)),
          end: ms(day(2)),
          closedBy: { kind: 'expiry', revision: 1 },
        }),
      ]);
    });

    it('closes when a version requiring re-consent takes effect, and a new grant reopens', () => {
      const events = [
        registered(),
        granted(locationForMapRow, { at: day(1) }),
        granted(locationForMapRow, { at: day(20), policyVersion: 2 }),
      ];
      expect(windowsOf(events, locationForMapRow, droneAppHistoryWithV2()).windows).toEqual([
        expect.objectContaining({
          start: ms(day(1)),
          end: ms(POLICY_V2_FROM),
          closedBy: { kind: 'lapse', revision: 1, version: 2 },
        }),
        expect.objectContaining({
          start: ms(day(20)),
          openedBy: { kind: 'event', revision: 2, type: 'consent-granted' },
        }),
      ]);
    });

    it('reads back-dated facts at their own valid time', () => {
      const events = [
        registered(),
        granted(deviceInfoForDiagnostics, { at: day(5) }),
        revoked(deviceInfoForDiagnostics, { at: day(3) }),
        granted(deviceInfoForDiagnostics, { at: day(1) }),
      ];
      expect(
        windowsOf(events, deviceInfoForDiagnostics).windows.map((w) => [w.start, w.end]),
      ).toEqual([
        [ms(day(1)), ms(day(3))],
        [ms(day(5)), undefined],
      ]);
    });

    it('stays closed for good once the category is erased, a later grant included', () => {
      const events = [
        registered(),
        granted(deviceInfoForDiagnostics, { at: day(1) }),
        erasureRequested({ kind: 'categories', categories: ['device-info'] }, { at: day(2) }),
        granted(deviceInfoForDiagnostics, { at: day(3) }),
      ];
      expect(windowsOf(events, deviceInfoForDiagnostics).windows).toEqual([
        expect.objectContaining({
          start: ms(day(1)),
          end: ms(day(2)),
          closedBy: { kind: 'event', revision: 2, type: 'erasure-requested' },
        }),
      ]);
    });

    it('never opens towards a recipient outside the residency', () => {
      const events = [registered({ residency: 'cn' }), granted(locationForMapRow, { at: day(1) })];
      expect(windowsOf(events, locationForMapRow).windows).toEqual([]);
    });
  });

  describe('opt-out categories', () => {
    it('is one window across a grant and its expiry, the bases changing inside it', () => {
      const events = [
        registered(),
        granted(appPerformance, { at: day(1), expiresAt: day(2) }),
        revoked(appPerformance, { at: day(3) }),
      ];
      expect(windowsOf(events, appPerformance).windows).toEqual([
        {
          start: ms(REGISTERED_AT),
          end: ms(day(3)),
          openedBy: { kind: 'event', revision: 0, type: 'subject-registered' },
          closedBy: { kind: 'event', revision: 2, type: 'consent-revoked' },
          bases: [
            { from: ms(REGISTERED_AT), basis: 'opt-out-default' },
            { from: ms(day(1)), basis: 'grant' },
            { from: ms(day(2)), basis: 'opt-out-default' },
          ],
        },
      ]);
    });
  });

  describe('policy versions', () => {
    it('opens and closes where a version changes the default or stops offering the flow', () => {
      const v2From = day(10);
      const v3From = day(20);
      const v1 = droneAppPolicy();
      const v2 = { ...withCategory(v1, 'device-info', { default: 'opt-out' }), version: 2 };
      const v3 = {
        ...withCategory(v2, 'device-info', { recipients: ['first-party-cn'] }),
        version: 3,
      };
      const policy = PolicyHistory.of([
        policyPublished(v1, POLICY_V1_FROM),
        policyPublished(v2, v2From),
        policyPublished(v3, v3From),
      ]);
      expect(windowsOf([registered()], deviceInfoForDiagnostics, policy).windows).toEqual([
        {
          start: ms(v2From),
          end: ms(v3From),
          openedBy: { kind: 'policy-version', version: 2 },
          closedBy: { kind: 'policy-version', version: 3 },
          bases: [{ from: ms(v2From), basis: 'opt-out-default' }],
        },
      ]);
    });
  });

  describe('one-off flows', () => {
    it('lists user-initiated syncs of per-transfer categories as instants, never as windows', () => {
      const events = [
        registered(),
        syncRecorded(flightLogsBackup, 'one-off-sync', { at: day(1), userInitiated: true }),
        syncRecorded(locationCheck, 'mandatory', { at: day(2), syncId: 'sync-2' }),
      ];
      expect(windowsOf(events, flightLogsBackup)).toEqual({
        windows: [],
        oneOffFlows: [{ at: ms(day(1)), revision: 1, syncId: 'sync-1', precision: 'precise' }],
      });
    });
  });
});

describe('allFlowWindows', () => {
  it('answers for every combination any version offered, in a stable order', () => {
    const policy = droneAppHistory();
    const all = allFlowWindows(fold(subjectDecider, [registered()]), policy);
    expect(
      all.map(({ category, recipient, purpose }) => ({ category, recipient, purpose })),
    ).toEqual(combinationsEverOffered(policy));
    const keys = all.map((c) => `${c.category}/${c.recipient}/${c.purpose}`);
    expect(keys).toEqual([...keys].sort());
    expect(
      all.find((c) => c.category === 'location-check' && c.recipient === 'first-party-row'),
    ).toMatchObject({ windows: [expect.objectContaining({ start: ms(REGISTERED_AT) })] });
    expect(all.find((c) => c.category === 'device-info')).toMatchObject({ windows: [] });
  });
});

describe('knownBy', () => {
  const at = (iso: IsoInstant) => ({ recordedAt: new Date(iso) });

  it('keeps the stream up to the last event recorded at or before the instant', () => {
    const events = [at(day(1)), at(day(2)), at(day(3))];
    expect(knownBy(events, ms(day(2)))).toEqual(events.slice(0, 2));
    expect(knownBy(events, ms(day(2)) - 1)).toEqual(events.slice(0, 1));
    expect(knownBy(events, ms(day(0)))).toEqual([]);
  });

  it('never skips an event: what came after an unknown one is unknown too', () => {
    const events = [at(day(1)), at(day(3)), at(day(2))];
    expect(knownBy(events, ms(day(2)))).toEqual(events.slice(0, 1));
  });
});
