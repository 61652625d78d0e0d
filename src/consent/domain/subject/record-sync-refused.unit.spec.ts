import { recordSync } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import {
  erasureRequested,
  granted,
  localDataModeSwitchedOn,
  registered,
  revoked,
  syncRecorded,
  syncRefused,
} from '../testing/event-builders';
import {
  DAY,
  NOW,
  POLICY_V2_FROM,
  commandContext,
  droneAppHistoryWithV2,
  permissions,
  plus,
} from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const {
  deviceInfoForDiagnostics,
  locationForMapRow,
  locationForMapCn,
  appPerformance,
  locationCheck,
  flightLogsBackup,
} = permissions;
const earlier = plus(NOW, -DAY);
const underV2 = { context: commandContext({ policy: droneAppHistoryWithV2() }) };

describe('recording a sync that is not permitted', () => {
  describe('during Local Data Mode', () => {
    const given = [registered(), localDataModeSwitchedOn(earlier)];

    it('records the refusal of a granted category', () => {
      spec
        .given([...given, granted(deviceInfoForDiagnostics, { at: earlier })])
        .when(recordSync(deviceInfoForDiagnostics))
        .then([syncRefused(deviceInfoForDiagnostics, ['local-data-mode'])]);
    });

    it('records the refusal of a mandatory category', () => {
      spec
        .given(given)
        .when(recordSync(locationCheck))
        .then([syncRefused(locationCheck, ['local-data-mode'])]);
    });

    it('records the refusal of an opt-out default', () => {
      spec
        .given(given)
        .when(recordSync(appPerformance))
        .then([syncRefused(appPerformance, ['local-data-mode'])]);
    });

    it('records the refusal of a user-initiated sync', () => {
      spec
        .given(given)
        .when(recordSync(flightLogsBackup, { userInitiated: true }))
        .then([syncRefused(flightLogsBackup, ['local-data-mode'], { userInitiated: true })]);
    });

    it('refuses from the very instant it was switched on', () => {
      spec
        .given([registered(), localDataModeSwitchedOn(NOW)])
        .when(recordSync(locationCheck))
        .then([syncRefused(locationCheck, ['local-data-mode'])]);
    });
  });

  it('records the refusal of a recipient outside the residency region', () => {
    spec
      .given([registered({ residency: 'row' }), granted(locationForMapCn, { at: earlier })])
      .when(recordSync(locationForMapCn))
      .then([syncRefused(locationForMapCn, ['region'])]);
  });

  it('records the refusal of a mandatory flow outside the residency region', () => {
    spec
      .given([registered({ residency: 'cn' })])
      .when(recordSync(locationCheck))
      .then([syncRefused(locationCheck, ['region'])]);
  });

  it('records the refusal of a precision the category does not allow', () => {
    spec
      .given([registered()])
      .when(recordSync(locationCheck, { precision: 'precise' }))
      .then([syncRefused(locationCheck, ['precision'], { precision: 'precise' })]);
  });

  it('records the refusal of an opt-in category without any basis', () => {
    spec
      .given([registered()])
      .when(recordSync(deviceInfoForDiagnostics))
      .then([syncRefused(deviceInfoForDiagnostics, ['no-basis'])]);
  });

  it('records the refusal of a grant for another recipient or purpose', () => {
    spec
      .given([registered(), granted(locationForMapRow, { at: earlier })])
      .when(
        recordSync({
          ...locationForMapRow,
          recipient: 'first-party-row',
          purpose: 'service-improvement',
        }),
      )
      .then([
        syncRefused(
          { ...locationForMapRow, recipient: 'first-party-row', purpose: 'service-improvement' },
          ['no-basis'],
        ),
      ]);
  });

  it('records the refusal of a per-transfer category the user did not initiate', () => {
    spec
      .given([registered()])
      .when(recordSync(flightLogsBackup))
      .then([syncRefused(flightLogsBackup, ['per-transfer-only'])]);
  });

  it('records the refusal of a revoked grant', () => {
    spec
      .given([
        registered(),
        granted(deviceInfoForDiagnostics, { at: plus(earlier, -DAY) }),
        revoked(deviceInfoForDiagnostics, { at: earlier }),
      ])
      .when(recordSync(deviceInfoForDiagnostics))
      .then([syncRefused(deviceInfoForDiagnostics, ['revoked'])]);
  });

  it('records the refusal of an opt-out default that was turned off', () => {
    spec
      .given([registered(), revoked(appPerformance, { at: earlier })])
      .when(recordSync(appPerformance))
      .then([syncRefused(appPerformance, ['revoked'])]);
  });

  it('records the refusal of an expired grant, from the instant it expires', () => {
    spec
      .given([registered(), granted(deviceInfoForDiagnostics, { at: earlier, expiresAt: NOW })])
      .when(recordSync(deviceInfoForDiagnostics))
      .then([syncRefused(deviceInfoForDiagnostics, ['expired'])]);
  });

  describe('after a policy version requiring re-consent', () => {
    const grantedUnderV1 = granted(locationForMapRow, {
      at: plus(POLICY_V2_FROM, -DAY),
      policyVersion: 1,
    });

    it('records the refusal of a grant given under the earlier version', () => {
      spec
        .given([registered(), grantedUnderV1])
        .when(recordSync(locationForMapRow, underV2))
        .then([syncRefused(locationForMapRow, ['lapsed-by-policy-change'], { policyVersion: 2 })]);
    });

    it('records the sync again once the subject granted under the new version', () => {
      const grantedAgain = granted(locationForMapRow, {
        at: plus(POLICY_V2_FROM, DAY),
        policyVersion: 2,
      });
      spec
        .given([registered(), grantedUnderV1, grantedAgain])
        .when(recordSync(locationForMapRow, underV2))
        .then([syncRecorded(locationForMapRow, 'grant', { policyVersion: 2 })]);
    });

    it('falls back to the default of an opt-out category', () => {
      spec
        .given([
          registered(),
          granted(appPerformance, { at: plus(POLICY_V2_FROM, -DAY), policyVersion: 1 }),
        ])
        .when(recordSync(appPerformance, underV2))
        .then([syncRecorded(appPerformance, 'opt-out-default', { policyVersion: 2 })]);
    });
  });

  describe('after erasure of categories', () => {
    it('records the refusal of an erased category', () => {
      spec
        .given([
          registered(),
          granted(deviceInfoForDiagnostics, { at: plus(earlier, -DAY) }),
          erasureRequested({ kind: 'categories', categories: ['device-info'] }, { at: earlier }),
        ])
        .when(recordSync(deviceInfoForDiagnostics))
        .then([syncRefused(deviceInfoForDiagnostics, ['erased'])]);
    });

    it('records the refusal of an erased mandatory category', () => {
      spec
        .given([
          registered(),
          erasureRequested({ kind: 'categories', categories: ['location-check'] }, { at: earlier }),
        ])
        .when(recordSync(locationCheck))
        .then([syncRefused(locationCheck, ['erased'])]);
    });

    it('still records the other categories', () => {
      spec
        .given([
          registered(),
          erasureRequested({ kind: 'categories', categories: ['media'] }, { at: earlier }),
        ])
        .when(recordSync(locationCheck))
        .then([syncRecorded(locationCheck, 'mandatory')]);
    });
  });

  it('records every reason that holds, the missing basis first', () => {
    spec
      .given([registered({ residency: 'row' }), localDataModeSwitchedOn(earlier)])
      .when(recordSync(locationForMapCn, { precision: 'precise' }))
      .then([
        syncRefused(locationForMapCn, ['no-basis', 'local-data-mode', 'region', 'precision'], {
          precision: 'precise',
        }),
      ]);
  });

  describe('what is refused without a record', () => {
    it('refuses a sync id already recorded', () => {
      spec
        .given([registered(), syncRecorded(locationCheck, 'mandatory', { syncId: 's-1' })])
        .when(recordSync(locationCheck, { syncId: 's-1' }))
        .thenThrows('duplicate-id');
    });

    it('refuses a sync id already refused', () => {
      spec
        .given([
          registered(),
          syncRefused(flightLogsBackup, ['per-transfer-only'], { syncId: 's-1' }),
        ])
        .when(recordSync(flightLogsBackup, { syncId: 's-1', userInitiated: true }))
        .thenThrows('duplicate-id');
    });

    it.each([
      ['unknown-category', { ...deviceInfoForDiagnostics, category: 'contacts' }],
      ['unknown-recipient', { ...deviceInfoForDiagnostics, recipient: 'data-broker' }],
      ['unknown-purpose', { ...deviceInfoForDiagnostics, purpose: 'marketing' }],
      ['combination-not-offered', { ...locationCheck, purpose: 'map-display' }],
    ] as const)('refuses with %s what the policy does not offer', (code, permission) => {
      spec.given([registered()]).when(recordSync(permission)).thenThrows(code);
    });

    it('refuses a subject that is not registered', () => {
      spec.given([]).when(recordSync(locationCheck)).thenThrows('subject-not-registered');
    });

    it('refuses once erasure of the account was requested', () => {
      spec
        .given([registered(), erasureRequested({ kind: 'account' }, { at: earlier })])
        .when(recordSync(locationCheck))
        .thenThrows('subject-erased');
    });
  });
});
