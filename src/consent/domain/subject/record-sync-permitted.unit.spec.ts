import { recordSync } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import {
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
  syncRecorded,
} from '../testing/event-builders';
import {
  DAY,
  NOW,
  POLICY_V2_FROM,
  commandContext,
  droneAppHistoryWithV2,
  permissions,
  plus,
  sealed,
} from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const {
  deviceInfoForDiagnostics,
  locationForMapCn,
  uxImprovement,
  appPerformance,
  locationCheck,
  flightLogsBackup,
} = permissions;
const earlier = plus(NOW, -DAY);

describe('recording a permitted sync', () => {
  it('records it on the basis of an active grant', () => {
    spec
      .given([registered(), granted(deviceInfoForDiagnostics, { at: earlier })])
      .when(recordSync(deviceInfoForDiagnostics))
      .then([syncRecorded(deviceInfoForDiagnostics, 'grant')]);
  });

  it('records it on the basis of a grant that has not expired yet', () => {
    spec
      .given([
        registered(),
        granted(deviceInfoForDiagnostics, { at: earlier, expiresAt: plus(NOW, 1) }),
      ])
      .when(recordSync(deviceInfoForDiagnostics))
      .then([syncRecorded(deviceInfoForDiagnostics, 'grant')]);
  });

  it('records it on the basis of an opt-out default nobody turned off', () => {
    spec
      .given([registered()])
      .when(recordSync(appPerformance))
      .then([syncRecorded(appPerformance, 'opt-out-default')]);
  });

  it('records it on the basis of a mandatory category', () => {
    spec
      .given([registered()])
      .when(recordSync(locationCheck))
      .then([syncRecorded(locationCheck, 'mandatory')]);
  });

  it('records a user-initiated sync of a per-transfer category as a one-off consent', () => {
    spec
      .given([registered()])
      .when(recordSync(flightLogsBackup, { userInitiated: true }))
      .then([syncRecorded(flightLogsBackup, 'one-off-sync', { userInitiated: true })]);
  });

  it('records a user-initiated sync of an opt-in category without a grant as a one-off consent', () => {
    spec
      .given([registered()])
      .when(recordSync(deviceInfoForDiagnostics, { userInitiated: true }))
      .then([syncRecorded(deviceInfoForDiagnostics, 'one-off-sync', { userInitiated: true })]);
  });

  it('prefers a standing grant to the one-off consent of a user-initiated sync', () => {
    spec
      .given([registered(), granted(deviceInfoForDiagnostics, { at: earlier })])
      .when(recordSync(deviceInfoForDiagnostics, { userInitiated: true }))
      .then([syncRecorded(deviceInfoForDiagnostics, 'grant', { userInitiated: true })]);
  });

  it('records it after Local Data Mode was switched off again', () => {
    spec
      .given([
        registered(),
        localDataModeSwitchedOn(plus(NOW, -2 * DAY)),
        localDataModeSwitchedOff(earlier),
      ])
      .when(recordSync(locationCheck))
      .then([syncRecorded(locationCheck, 'mandatory')]);
  });

  it('records it to a recipient in the residency region of a subject in mainland China', () => {
    spec
      .given([registered({ residency: 'cn' }), granted(locationForMapCn, { at: earlier })])
      .when(recordSync(locationForMapCn))
      .then([syncRecorded(locationForMapCn, 'grant')]);
  });

  it('records it at any precision the category allows', () => {
    spec
      .given([registered(), granted(uxImprovement, { at: earlier })])
      .when(recordSync(uxImprovement, { precision: 'aggregate' }))
      .then([syncRecorded(uxImprovement, 'grant', { precision: 'aggregate' })]);
  });

  it('keeps the record ids, the size and the sealed location of the transfer', () => {
    const command = {
      ...recordSync(locationCheck, { syncId: 'sync-42' }),
      recordIds: ['r-1', 'r-2'],
      sizeBytes: 2048,
      location: sealed('coarse-location'),
    };
    spec
      .given([registered()])
      .when(command)
      .then([
        {
          ...syncRecorded(locationCheck, 'mandatory', { syncId: 'sync-42' }),
          recordIds: ['r-1', 'r-2'],
          sizeBytes: 2048,
          location: sealed('coarse-location'),
        },
      ]);
  });

  it('records the policy version in force at the time of the sync', () => {
    spec
      .given([registered()])
      .when(
        recordSync(appPerformance, {
          context: commandContext({ policy: droneAppHistoryWithV2() }),
        }),
      )
      .then([syncRecorded(appPerformance, 'opt-out-default', { policyVersion: 2 })]);
  });

  it('keeps a grant of a category the later version does not list in reconsentRequired', () => {
    spec
      .given([registered(), granted(deviceInfoForDiagnostics, { at: plus(POLICY_V2_FROM, -DAY) })])
      .when(
        recordSync(deviceInfoForDiagnostics, {
          context: commandContext({ policy: droneAppHistoryWithV2() }),
        }),
      )
      .then([syncRecorded(deviceInfoForDiagnostics, 'grant', { policyVersion: 2 })]);
  });
});
