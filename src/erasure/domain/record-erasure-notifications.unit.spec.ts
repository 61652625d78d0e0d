import {
  erasureRequested,
  registered,
  syncRecorded,
  syncRefused,
} from '../../consent/domain/testing/event-builders';
import { MINUTE, NOW, permissions, plus } from '../../consent/domain/testing/fixtures';
import { REQUESTED_AT, completed, notified, recordNotifications } from './testing/erasure-builders';
import { erasureSpecification } from './testing/erasure-specification';

const spec = erasureSpecification();
const { locationForMapRow, locationCheck, flightLogsBackup, deviceInfoForDiagnostics } =
  permissions;

const history = [
  registered(),
  syncRecorded(locationForMapRow, 'grant', { syncId: 's-map', at: plus(REQUESTED_AT, -MINUTE) }),
  syncRecorded(locationCheck, 'mandatory', { syncId: 's-check', at: plus(REQUESTED_AT, -MINUTE) }),
  syncRecorded(flightLogsBackup, 'one-off-sync', {
    syncId: 's-logs',
    userInitiated: true,
    at: plus(REQUESTED_AT, -MINUTE),
  }),
  syncRefused(deviceInfoForDiagnostics, ['no-basis'], {
    syncId: 's-refused',
    at: plus(REQUESTED_AT, -MINUTE),
  }),
];
const accountRequest = erasureRequested({ kind: 'account' }, { at: REQUESTED_AT });

describe('notifying the recipients of an erasure (Art. 19)', () => {
  it('records one notification per recipient of a recorded sync, sorted, with its categories', () => {
    spec
      .given([...history, accountRequest])
      .when(recordNotifications())
      .then([
        notified('first-party-row', ['flight-logs', 'location-check']),
        notified('map-provider-row', ['approximate-location']),
      ]);
  });

  it('keeps to the categories of a category erasure', () => {
    spec
      .given([
        ...history,
        erasureRequested(
          { kind: 'categories', categories: ['approximate-location', 'media'] },
          { at: REQUESTED_AT },
        ),
      ])
      .when(recordNotifications())
      .then([notified('map-provider-row', ['approximate-location'])]);
  });

  it('records nothing when the data never went anywhere', () => {
    spec.given([registered(), accountRequest]).when(recordNotifications()).thenNothing();
  });

  it('records nothing the second time', () => {
    spec
      .given([
        ...history,
        accountRequest,
        notified('first-party-row', ['flight-logs', 'location-check']),
        notified('map-provider-row', ['approximate-location']),
      ])
      .when(recordNotifications())
      .thenNothing();
  });

  it('notifies a recipient of a sync imported after the request, and only that one', () => {
    const media = erasureRequested(
      { kind: 'categories', categories: ['flight-logs', 'approximate-location'] },
      { at: REQUESTED_AT },
    );
    spec
      .given([
        registered(),
        syncRecorded(flightLogsBackup, 'one-off-sync', { syncId: 's-1', userInitiated: true }),
        media,
        notified('first-party-row', ['flight-logs']),
        syncRecorded(locationForMapRow, 'grant', {
          syncId: 's-2',
          at: plus(REQUESTED_AT, -MINUTE),
        }),
      ])
      .when(recordNotifications())
      .then([notified('map-provider-row', ['approximate-location'])]);
  });

  it('records nothing once the erasure is completed', () => {
    spec
      .given([registered(), accountRequest, completed([])])
      .when(recordNotifications())
      .thenNothing();
  });

  it('refuses an erasure the subject never requested', () => {
    const refusal = spec
      .given([...history, accountRequest])
      .when(recordNotifications({ erasureId: 'erasure-9' }))
      .thenRefuses('erasure-not-found');
    expect(refusal.message).toBe('the subject has no erasure request erasure-9');
  });

  it('refuses a subject that is not registered', () => {
    spec.given([]).when(recordNotifications()).thenThrows('subject-not-registered');
  });

  it('refuses a valid time before the request', () => {
    spec
      .given([registered(), erasureRequested({ kind: 'account' }, { at: plus(NOW, 2 * MINUTE) })])
      .when(recordNotifications())
      .thenThrows('invalid-time');
  });
});
