import { grant } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import { erasureRequested, granted, registered } from '../testing/event-builders';
import {
  DAY,
  NOW,
  commandContext,
  droneAppHistoryWithV2,
  permissions,
  plus,
} from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const { deviceInfoForDiagnostics, appPerformance, locationCheck, flightLogsBackup } = permissions;

const ALL_CATEGORIES = [
  'device-info',
  'flight-records',
  'device-logs',
  'approximate-location',
  'ux-improvement',
  'app-performance',
  'user-experience',
  'location-check',
  'media',
  'flight-logs',
];

describe('granting consent', () => {
  it('records the grant under the policy version in force', () => {
    spec
      .given([registered()])
      .when(grant(deviceInfoForDiagnostics))
      .then([granted(deviceInfoForDiagnostics, { policyVersion: 1 })]);
  });

  it('records the newer version once it is in force', () => {
    spec
      .given([registered()])
      .when(
        grant(deviceInfoForDiagnostics, {
          context: commandContext({ policy: droneAppHistoryWithV2() }),
        }),
      )
      .then([granted(deviceInfoForDiagnostics, { policyVersion: 2 })]);
  });

  it('records who granted and until when', () => {
    const expiresAt = plus(NOW, 30 * DAY);
    spec
      .given([registered()])
      .when(grant(deviceInfoForDiagnostics, { expiresAt, actor: 'app' }))
      .then([granted(deviceInfoForDiagnostics, { expiresAt, actor: 'app' })]);
  });

  it('accepts an explicit grant of an opt-out category', () => {
    spec
      .given([registered()])
      .when(grant(appPerformance))
      .then([granted(appPerformance)]);
  });

  it('accepts a grant after a category erasure of another category', () => {
    spec
      .given([registered(), erasureRequested({ kind: 'categories', categories: ['media'] })])
      .when(grant(deviceInfoForDiagnostics))
      .then([granted(deviceInfoForDiagnostics)]);
  });

  describe('expiresAt must lie after occurredAt', () => {
    it.each([
      ['at the same instant', NOW],
      ['before', plus(NOW, -1)],
      ['not an instant', 'never'],
      ['an instant without milliseconds', '2027-01-01T00:00:00Z'],
    ])('refuses an expiry %s', (_case, expiresAt) => {
      spec
        .given([registered()])
        .when(grant(deviceInfoForDiagnostics, { expiresAt }))
        .thenThrows('invalid-time');
    });

    it('accepts an expiry one millisecond later', () => {
      spec
        .given([registered()])
        .when(grant(deviceInfoForDiagnostics, { expiresAt: plus(NOW, 1) }))
        .then([granted(deviceInfoForDiagnostics, { expiresAt: plus(NOW, 1) })]);
    });
  });

  describe('what the policy offers', () => {
    it('refuses an unknown category and lists the valid ones', () => {
      const error = spec
        .given([registered()])
        .when(grant({ ...deviceInfoForDiagnostics, category: 'contacts' }))
        .thenThrows('unknown-category');
      expect(error.message).toBe(
        `unknown category "contacts"; valid: ${ALL_CATEGORIES.join(', ')}`,
      );
      expect(error.details).toEqual({ field: 'category', allowed: ALL_CATEGORIES });
    });

    it('refuses an unknown recipient and lists the valid ones', () => {
      const error = spec
        .given([registered()])
        .when(grant({ ...deviceInfoForDiagnostics, recipient: 'data-broker' }))
        .thenThrows('unknown-recipient');
      const recipients = [
        'first-party-row',
        'first-party-cn',
        'map-provider-row',
        'map-provider-cn',
      ];
      expect(error.message).toBe(
        `unknown recipient "data-broker"; valid: ${recipients.join(', ')}`,
      );
      expect(error.details).toEqual({ field: 'recipient', allowed: recipients });
    });

    it('refuses an unknown purpose and lists the valid ones', () => {
      const error = spec
        .given([registered()])
        .when(grant({ ...deviceInfoForDiagnostics, purpose: 'marketing' }))
        .thenThrows('unknown-purpose');
      const purposes = [
        'service-improvement',
        'diagnostics',
        'geofencing',
        'map-display',
        'cloud-backup',
      ];
      expect(error.message).toBe(`unknown purpose "marketing"; valid: ${purposes.join(', ')}`);
      expect(error.details).toEqual({ field: 'purpose', allowed: purposes });
    });

    it('refuses a combination the policy does not offer and says which it does', () => {
      const error = spec
        .given([registered()])
        .when(grant({ ...deviceInfoForDiagnostics, recipient: 'map-provider-row' }))
        .thenThrows('combination-not-offered');
      expect(error.message).toBe(
        'category "device-info" flows only to first-party-row, first-party-cn for diagnostics, service-improvement',
      );
    });

    it('refuses a purpose the category is not used for', () => {
      spec
        .given([registered()])
        .when(grant({ ...deviceInfoForDiagnostics, purpose: 'geofencing' }))
        .thenThrows('combination-not-offered');
    });
  });

  it('refuses a mandatory category: it needs no grant', () => {
    const error = spec
      .given([registered()])
      .when(grant(locationCheck))
      .thenThrows('mandatory-category');
    expect(error.message).toBe(
      'category "location-check" is mandatory: it always flows and needs no grant',
    );
  });

  it('refuses a per-transfer category: each transfer is a user-initiated sync', () => {
    const error = spec
      .given([registered()])
      .when(grant(flightLogsBackup))
      .thenThrows('per-transfer-category');
    expect(error.message).toContain('each transfer is a user-initiated sync');
  });

  it('refuses a subject that is not registered', () => {
    spec.given([]).when(grant(deviceInfoForDiagnostics)).thenThrows('subject-not-registered');
  });

  it('refuses once erasure of the account was requested', () => {
    spec
      .given([registered(), erasureRequested({ kind: 'account' })])
      .when(grant(deviceInfoForDiagnostics))
      .thenThrows('subject-erased');
  });
});
