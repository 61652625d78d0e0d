import { revoke } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import { erasureRequested, granted, registered, revoked } from '../testing/event-builders';
import { commandContext, droneAppHistoryWithV2, permissions, plus, NOW } from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const { deviceInfoForDiagnostics, appPerformance, locationCheck, flightLogsBackup } = permissions;

describe('revoking consent', () => {
  it('records the withdrawal of a grant, like a grant', () => {
    spec
      .given([registered(), granted(deviceInfoForDiagnostics, { at: plus(NOW, -1) })])
      .when(revoke(deviceInfoForDiagnostics))
      .then([revoked(deviceInfoForDiagnostics)]);
  });

  it('turns an opt-out default off without any grant before', () => {
    spec
      .given([registered()])
      .when(revoke(appPerformance, { actor: 'app' }))
      .then([revoked(appPerformance, { actor: 'app' })]);
  });

  it('records the policy version in force', () => {
    spec
      .given([registered()])
      .when(
        revoke(appPerformance, { context: commandContext({ policy: droneAppHistoryWithV2() }) }),
      )
      .then([revoked(appPerformance, { policyVersion: 2 })]);
  });

  it('refuses a mandatory category, saying that only Local Data Mode stops it', () => {
    const error = spec
      .given([registered()])
      .when(revoke(locationCheck))
      .thenThrows('mandatory-category');
    expect(error.message).toBe(
      'category "location-check" is mandatory and cannot be revoked; only Local Data Mode stops it',
    );
  });

  it('refuses a per-transfer category: there is no standing consent to revoke', () => {
    const error = spec
      .given([registered()])
      .when(revoke(flightLogsBackup))
      .thenThrows('per-transfer-category');
    expect(error.message).toContain('has no standing consent to revoke');
  });

  it.each([
    ['unknown-category', { ...deviceInfoForDiagnostics, category: 'contacts' }],
    ['unknown-recipient', { ...deviceInfoForDiagnostics, recipient: 'data-broker' }],
    ['unknown-purpose', { ...deviceInfoForDiagnostics, purpose: 'marketing' }],
    ['combination-not-offered', { ...deviceInfoForDiagnostics, recipient: 'map-provider-cn' }],
  ] as const)('refuses with %s what the policy does not offer', (code, permission) => {
    const error = spec.given([registered()]).when(revoke(permission)).thenThrows(code);
    expect(error.message).toMatch(/valid: |flows only to/);
  });

  it('refuses a subject that is not registered', () => {
    spec.given([]).when(revoke(appPerformance)).thenThrows('subject-not-registered');
  });

  it('refuses once erasure of the account was requested', () => {
    spec
      .given([registered(), erasureRequested({ kind: 'account' })])
      .when(revoke(appPerformance))
      .thenThrows('subject-erased');
  });
});
