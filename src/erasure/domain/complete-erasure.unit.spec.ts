import { asSealed } from '../../shared/domain/sealed-value';
import {
  grant,
  recordSync,
  requestErasure,
  switchLocalDataMode,
} from '../../consent/domain/testing/command-builders';
import {
  erasureRequested,
  registered,
  syncRecorded,
} from '../../consent/domain/testing/event-builders';
import { MINUTE, NOW, permissions, plus } from '../../consent/domain/testing/fixtures';
import {
  REQUESTED_AT,
  complete,
  completed,
  confirm,
  confirmed,
  extendDeadline,
  extended,
  notified,
  recordNotifications,
} from './testing/erasure-builders';
import { erasureSpecification } from './testing/erasure-specification';

const spec = erasureSpecification();
const { locationForMapRow, locationCheck, deviceInfoForDiagnostics } = permissions;
const before = plus(REQUESTED_AT, -MINUTE);
const syncs = [
  syncRecorded(locationForMapRow, 'grant', { syncId: 's-map', at: before }),
  syncRecorded(locationCheck, 'mandatory', { syncId: 's-check', at: before }),
];
const accountRequest = erasureRequested({ kind: 'account' }, { at: REQUESTED_AT });
const notifiedBoth = [
  notified('first-party-row', ['location-check'], { at: REQUESTED_AT }),
  notified('map-provider-row', ['approximate-location'], { at: REQUESTED_AT }),
];
const confirmedAt = plus(NOW, -MINUTE);
const requested = [registered(), ...syncs, accountRequest, ...notifiedBoth];

describe('completing an erasure', () => {
  it('completes once every notified recipient has confirmed', () => {
    spec
      .given([
        ...requested,
        confirmed('first-party-row', { confirmedAt }),
        confirmed('map-provider-row', { confirmedAt }),
      ])
      .when(complete())
      .then([
        completed([
          { recipient: 'first-party-row', confirmed: true, confirmedAt },
          { recipient: 'map-provider-row', confirmed: true, confirmedAt },
        ]),
      ]);
  });

  it('completes at once when the data went nowhere', () => {
    spec
      .given([registered(), accountRequest])
      .when(complete({ actor: 'app' }))
      .then([completed([], { actor: 'app' })]);
  });

  it('refuses while a recipient has not confirmed, and names it', () => {
    const refusal = spec
      .given([...requested, confirmed('first-party-row')])
      .when(complete())
      .thenRefuses('erasure-not-confirmed');
    expect(refusal.details).toEqual({ unconfirmed: ['map-provider-row'] });
  });

  it('completes on a privacy officer override with a reason, recording who had not confirmed', () => {
    spec
      .given([...requested, confirmed('first-party-row', { confirmedAt })])
      .when(complete({ overrideReason: 'processor dissolved' }))
      .then([
        completed(
          [
            { recipient: 'first-party-row', confirmed: true, confirmedAt },
            { recipient: 'map-provider-row', confirmed: false },
          ],
          { overrideReason: 'processor dissolved' },
        ),
      ]);
  });

  it('refuses an override by anyone but a privacy officer', () => {
    spec
      .given(requested)
      .when(complete({ overrideReason: 'in a hurry', actor: 'app' }))
      .thenRefuses('override-not-permitted');
  });

  it('refuses an override without a reason', () => {
    spec
      .given(requested)
      .when({ ...complete(), override: { reason: asSealed('') } })
      .thenRefuses('reason-required');
  });

  it('refuses, even with an override, while a recipient is not notified yet', () => {
    const refusal = spec
      .given([registered(), ...syncs, accountRequest, notifiedBoth[0]!])
      .when(complete({ overrideReason: 'processor dissolved' }))
      .thenRefuses('erasure-notifications-pending');
    expect(refusal.details).toEqual({ pending: ['map-provider-row'] });
  });

  it('refuses a second completion', () => {
    spec
      .given([registered(), accountRequest, completed([])])
      .when(complete())
      .thenRefuses('erasure-already-completed');
  });

  it('records the scope of a category erasure, for the shredding to tell them apart', () => {
    const scope = { kind: 'categories', categories: ['media'] } as const;
    spec
      .given([registered(), ...syncs, erasureRequested(scope, { at: REQUESTED_AT })])
      .when(complete())
      .then([completed([], { scope })]);
  });

  it('refuses an erasure the subject never requested', () => {
    spec
      .given(requested)
      .when(complete({ erasureId: 'erasure-9' }))
      .thenRefuses('erasure-not-found');
  });

  describe('after the account erasure was requested', () => {
    it('accepts every workflow step', () => {
      spec.given(requested).when(recordNotifications()).thenNothing();
      spec
        .given(requested)
        .when(confirm('first-party-row'))
        .then([confirmed('first-party-row')]);
      spec.given(requested).when(extendDeadline()).then([extended()]);
    });

    it.each([
      ['grant-consent', grant(deviceInfoForDiagnostics)],
      ['record-sync', recordSync(locationCheck, { syncId: 's-new' })],
      ['switch-local-data-mode', switchLocalDataMode(true)],
    ])('still refuses %s, before and after completion', (_kind, command) => {
      spec.given(requested).when(command).thenThrows('subject-erased');
      spec
        .given([registered(), accountRequest, completed([])])
        .when(command)
        .thenThrows('subject-erased');
    });

    it('still completes a category erasure requested before it', () => {
      const media = erasureRequested(
        { kind: 'categories', categories: ['media'] },
        { at: plus(REQUESTED_AT, -MINUTE), erasureId: 'e-media' },
      );
      spec
        .given([registered(), media, accountRequest, completed([])])
        .when(complete({ erasureId: 'e-media' }))
        .then([completed([], { erasureId: 'e-media', scope: media.scope })]);
      spec
        .given([registered(), media, accountRequest])
        .when(requestErasure({ kind: 'categories', categories: ['media'] }, { erasureId: 'e-2' }))
        .thenThrows('erasure-already-requested');
    });
  });
});
