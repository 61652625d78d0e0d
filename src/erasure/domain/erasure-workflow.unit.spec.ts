import { toMillis } from '../../shared/time/instant';
import {
  erasureRequested,
  registered,
  syncRecorded,
  syncRefused,
} from '../../consent/domain/testing/event-builders';
import { NOW, permissions } from '../../consent/domain/testing/fixtures';
import { recipientsOf, recipientsToNotify } from './erasure-recipients';
import { erasureWorkflow, erasureWorkflows } from './erasure-workflow';
import {
  LATEST_DEADLINE,
  ORIGINAL_DEADLINE,
  REQUESTED_AT,
  completed,
  confirmed,
  extended,
  notified,
} from './testing/erasure-builders';

const { locationForMapRow, locationCheck, flightLogsBackup, deviceInfoForDiagnostics } =
  permissions;

const syncs = [
  syncRecorded(locationForMapRow, 'grant', { syncId: 's-map' }),
  syncRecorded(locationCheck, 'mandatory', { syncId: 's-check' }),
  syncRecorded(flightLogsBackup, 'one-off-sync', { syncId: 's-logs', userInitiated: true }),
  syncRefused(deviceInfoForDiagnostics, ['no-basis'], { syncId: 's-refused' }),
];

describe('erasure workflows read from the subject stream', () => {
  it('starts with the request: its scope, valid time and one-month deadline', () => {
    const facts = [registered(), erasureRequested({ kind: 'account' }, { at: REQUESTED_AT })];
    const workflow = erasureWorkflow(facts, 'erasure-1');
    expect(workflow).toMatchObject({
      erasureId: 'erasure-1',
      scope: { kind: 'account' },
      requestedBy: 'subject',
      requestedAt: toMillis(REQUESTED_AT),
      requestRevision: 1,
      originalDeadline: toMillis(ORIGINAL_DEADLINE),
      deadline: toMillis(ORIGINAL_DEADLINE),
    });
    expect(workflow?.notified.size).toBe(0);
    expect(workflow?.completion).toBeUndefined();
  });

  it('folds each step into the request it names, and no other', () => {
    const facts = [
      registered(),
      erasureRequested({ kind: 'categories', categories: ['media'] }, { erasureId: 'e-0' }),
      erasureRequested({ kind: 'account' }, { at: REQUESTED_AT }),
      notified('first-party-row', ['location-check']),
      notified('map-provider-row', ['approximate-location']),
      confirmed('map-provider-row'),
      extended(),
      completed([]),
    ];
    const workflows = erasureWorkflows(facts);
    expect([...workflows.keys()]).toEqual(['e-0', 'erasure-1']);
    const account = workflows.get('erasure-1')!;
    expect([...account.notified.keys()]).toEqual(['first-party-row', 'map-provider-row']);
    expect([...account.confirmed.keys()]).toEqual(['map-provider-row']);
    expect(account.deadline).toBe(toMillis(LATEST_DEADLINE));
    expect(account.originalDeadline).toBe(toMillis(ORIGINAL_DEADLINE));
    expect(account.completion?.type).toBe('erasure-completed');
    const media = workflows.get('e-0')!;
    expect(media.notified.size).toBe(0);
    expect(media.extension).toBeUndefined();
    expect(media.completion).toBeUndefined();
  });

  it('finds the recipients of the recorded syncs, not of the refused ones, sorted', () => {
    const facts = [registered(), ...syncs];
    expect(recipientsOf(facts, { kind: 'account' })).toEqual(
      new Map([
        ['first-party-row', ['flight-logs', 'location-check']],
        ['map-provider-row', ['approximate-location']],
      ]),
    );
  });

  it('keeps to the categories of a category erasure', () => {
    const facts = [registered(), ...syncs];
    expect(recipientsOf(facts, { kind: 'categories', categories: ['flight-logs'] })).toEqual(
      new Map([['first-party-row', ['flight-logs']]]),
    );
    expect(recipientsOf(facts, { kind: 'categories', categories: ['device-info'] })).toEqual(
      new Map(),
    );
  });

  it('leaves out the recipients already notified', () => {
    const facts = [
      registered(),
      ...syncs,
      erasureRequested({ kind: 'account' }, { at: NOW }),
      notified('first-party-row', ['flight-logs', 'location-check']),
    ];
    const workflow = erasureWorkflow(facts, 'erasure-1')!;
    expect(recipientsToNotify(facts, workflow)).toEqual(
      new Map([['map-provider-row', ['approximate-location']]]),
    );
  });
});
