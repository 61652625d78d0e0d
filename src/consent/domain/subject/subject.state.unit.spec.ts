import { fold } from '../../../shared/domain/decider';
import { toMillis } from '../../../shared/time/instant';
import {
  erasureRequested,
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
  syncRecorded,
  syncRefused,
} from '../testing/event-builders';
import {
  DAY,
  NOW,
  REGISTERED_AT,
  SUBJECT_ID,
  TENANT_ID,
  permissions,
  plus,
} from '../testing/fixtures';
import { subjectDecider } from './subject.decider';
import { localDataModeAt } from '../permission/local-data-mode';
import { factsByValidTime } from '../valid-time/facts-by-valid-time';
import { initialSubjectState } from './subject.state';

const daysAgo = (days: number) => plus(NOW, -days * DAY);
const { locationCheck, flightLogsBackup, deviceInfoForDiagnostics } = permissions;

describe('subject state', () => {
  it('starts unregistered, with nothing known', () => {
    expect(initialSubjectState()).toEqual({
      facts: [],
      localDataMode: false,
      accountErasureRequested: false,
      syncIds: new Set(),
      erasureIds: new Set(),
    });
  });

  it('keeps every event as a fact, in stream order, and the registration', () => {
    const events = [registered({ residency: 'cn' }), granted(deviceInfoForDiagnostics)];
    const state = fold(subjectDecider, events);
    expect(state.facts).toEqual(events);
    expect(state.registration).toEqual({
      tenantId: TENANT_ID,
      subjectId: SUBJECT_ID,
      residency: 'cn',
      registeredAt: toMillis(REGISTERED_AT),
    });
  });

  it('remembers the ids of recorded and refused syncs and of erasures', () => {
    const state = fold(subjectDecider, [
      registered(),
      syncRecorded(locationCheck, 'mandatory', { syncId: 's-1' }),
      syncRefused(flightLogsBackup, ['per-transfer-only'], { syncId: 's-2' }),
      erasureRequested({ kind: 'categories', categories: ['media'] }, { erasureId: 'e-1' }),
    ]);
    expect(state.syncIds).toEqual(new Set(['s-1', 's-2']));
    expect(state.erasureIds).toEqual(new Set(['e-1']));
    expect(state.accountErasureRequested).toBe(false);
  });

  it('notes an account erasure, and keeps it after a later category erasure', () => {
    const state = fold(subjectDecider, [
      registered(),
      erasureRequested({ kind: 'account' }, { erasureId: 'e-1' }),
      erasureRequested({ kind: 'categories', categories: ['media'] }, { erasureId: 'e-2' }),
    ]);
    expect(state.accountErasureRequested).toBe(true);
  });

  it('keeps Local Data Mode as of the newest valid time, whatever the stream order', () => {
    const state = fold(subjectDecider, [
      registered(),
      localDataModeSwitchedOff(daysAgo(1)),
      localDataModeSwitchedOn(daysAgo(3)),
    ]);
    expect(state.localDataMode).toBe(false);
    expect(localDataModeAt(state.facts, toMillis(daysAgo(2)))).toBe(true);
    expect(localDataModeAt(state.facts, toMillis(daysAgo(1)))).toBe(false);
    expect(localDataModeAt(state.facts, toMillis(daysAgo(4)))).toBe(false);
  });

  it('orders facts by valid time, ties in stream order, each with its revision', () => {
    const facts = [
      registered(),
      localDataModeSwitchedOn(daysAgo(1)),
      localDataModeSwitchedOff(daysAgo(2)),
      granted(deviceInfoForDiagnostics, { at: daysAgo(1) }),
    ];
    expect(factsByValidTime(facts).map((f) => f.revision)).toEqual([0, 2, 1, 3]);
  });
});
