import { granted, revoked } from '../../consent/domain/testing/event-builders';
import {
  DAY,
  droneAppHistory,
  droneAppHistoryWithV2,
  HOUR,
  NOW,
  permissions,
  plus,
  POLICY_V2_FROM,
  REGISTERED_AT,
} from '../../consent/domain/testing/fixtures';
import type { ConsentDecision } from './consent-decision';
import { type ConsentStatus, consentHistories } from './consent-statuses';

const { locationForMapRow: location, deviceInfoForDiagnostics: device } = permissions;
const at = (offsetMs: number) => plus(REGISTERED_AT, offsetMs);
const decision = (eventId: string, event: ConsentDecision['event']) => ({ eventId, event });
const NOW_MS = Date.parse(NOW);

function statuses(decisions: ConsentDecision[], policy = droneAppHistory(), now = NOW_MS) {
  return consentHistories(decisions, policy, now).map((history) => ({
    ...history.permission,
    changes: history.changes.map((c) => [c.status, new Date(c.at).toISOString(), c.eventIds]),
  }));
}

type Row = [ConsentStatus, string, string[]];

describe('consent statuses (DPV) from grants and revocations', () => {
  it('gives, withdraws, gives again: a grant after a withdrawal is a new consent', () => {
    expect(
      statuses([
        decision('g1', granted(location, { at: at(HOUR) })),
        decision('r1', revoked(location, { at: at(2 * HOUR) })),
        decision('g2', granted(location, { at: at(3 * HOUR) })),
      ]),
    ).toEqual([
      {
        ...location,
        changes: [
          ['ConsentGiven', at(HOUR), ['g1']],
          ['ConsentWithdrawn', at(2 * HOUR), ['r1']],
          ['ConsentGiven', at(3 * HOUR), ['g2']],
        ] satisfies Row[],
      },
    ]);
  });

  it('expires a grant at its expiresAt once that has passed, and a later grant renews it', () => {
    const expiresAt = at(2 * HOUR);
    const decisions = [
      decision('g1', granted(device, { at: at(HOUR), expiresAt })),
      decision('g2', granted(device, { at: at(3 * HOUR) })),
    ];
    expect(statuses(decisions)[0]!.changes).toEqual([
      ['ConsentGiven', at(HOUR), ['g1']],
      ['ConsentExpired', expiresAt, ['g1']],
      ['RenewedConsentGiven', at(3 * HOUR), ['g2']],
    ]);
    // Before the expiry has come, the consent stands.
    expect(statuses(decisions.slice(0, 1), droneAppHistory(), Date.parse(at(90 * 60_000)))).toEqual(
      [{ ...device, changes: [['ConsentGiven', at(HOUR), ['g1']]] }],
    );
  });

  it('invalidates a grant when a policy version requiring re-consent takes effect', () => {
    const grantedAt = plus(POLICY_V2_FROM, -DAY);
    const regranted = plus(POLICY_V2_FROM, DAY);
    expect(
      statuses(
        [
          decision('g1', granted(location, { at: grantedAt })),
          decision('g2', granted(location, { at: regranted, policyVersion: 2 })),
        ],
        droneAppHistoryWithV2(),
      )[0]!.changes,
    ).toEqual([
      ['ConsentGiven', grantedAt, ['g1']],
      ['ConsentInvalidated', POLICY_V2_FROM, ['g1']],
      ['RenewedConsentGiven', regranted, ['g2']],
    ]);
  });

  it('renews a consent given again while it stands', () => {
    expect(
      statuses([
        decision('g1', granted(device, { at: at(HOUR) })),
        decision('g2', granted(device, { at: at(2 * HOUR) })),
      ])[0]!.changes.map(([status]) => status),
    ).toEqual(['ConsentGiven', 'RenewedConsentGiven']);
  });

  it('refuses when nothing stands: a revocation before any grant, or after an expiry', () => {
    expect(
      statuses([
        decision('r1', revoked(device, { at: at(HOUR) })),
        decision('g1', granted(device, { at: at(2 * HOUR), expiresAt: at(3 * HOUR) })),
        decision('r2', revoked(device, { at: at(4 * HOUR) })),
      ])[0]!.changes.map(([status]) => status),
    ).toEqual(['ConsentRefused', 'ConsentGiven', 'ConsentExpired', 'ConsentRefused']);
  });

  it('calls a revocation by the privacy officer ConsentRevoked, by the subject or app ConsentWithdrawn', () => {
    const byWhom = (actor: 'privacy-officer' | 'app') =>
      statuses([
        decision('g1', granted(device, { at: at(HOUR) })),
        decision('r1', revoked(device, { at: at(2 * HOUR), actor })),
      ])[0]!.changes[1]![0];
    expect(byWhom('privacy-officer')).toBe('ConsentRevoked');
    expect(byWhom('app')).toBe('ConsentWithdrawn');
  });

  it('reads decisions in valid-time order, not stream order (imports back-date)', () => {
    expect(
      statuses([
        decision('r1', revoked(device, { at: at(2 * HOUR) })),
        decision('g1', granted(device, { at: at(HOUR) })),
      ])[0]!.changes.map(([status, , ids]) => [status, ids]),
    ).toEqual([
      ['ConsentGiven', ['g1']],
      ['ConsentWithdrawn', ['r1']],
    ]);
  });

  it('keeps one history per (category, recipient, purpose)', () => {
    const histories = statuses([
      decision('g1', granted(device, { at: at(HOUR) })),
      decision('g2', granted(location, { at: at(HOUR) })),
    ]);
    expect(histories.map(({ category }) => category).sort()).toEqual([
      'approximate-location',
      'device-info',
    ]);
  });
});
