import {
  grant,
  recordSync,
  register,
  requestErasure,
  revoke,
  switchLocalDataMode,
} from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import { erasureRequested, registered } from '../testing/event-builders';
import { DAY, NOW, permissions, plus } from '../testing/fixtures';
import type { SubjectCommand } from './subject.commands';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const earlier = plus(NOW, -DAY);
const accountErased = erasureRequested({ kind: 'account' }, { at: earlier, erasureId: 'e-0' });

describe('requesting erasure', () => {
  it('records a request to erase the whole account', () => {
    spec
      .given([registered()])
      .when(requestErasure({ kind: 'account' }, { requestedBy: 'privacy-officer' }))
      .then([erasureRequested({ kind: 'account' }, { requestedBy: 'privacy-officer' })]);
  });

  it('records a request to erase some categories', () => {
    const scope = { kind: 'categories', categories: ['media', 'flight-logs'] } as const;
    spec
      .given([registered()])
      .when(requestErasure(scope))
      .then([erasureRequested(scope)]);
  });

  it('accepts an account erasure after a category erasure', () => {
    spec
      .given([
        registered(),
        erasureRequested(
          { kind: 'categories', categories: ['media'] },
          { at: earlier, erasureId: 'e-0' },
        ),
      ])
      .when(requestErasure({ kind: 'account' }))
      .then([erasureRequested({ kind: 'account' })]);
  });

  it('refuses unknown categories and lists the valid ones', () => {
    const error = spec
      .given([registered()])
      .when(requestErasure({ kind: 'categories', categories: ['media', 'contacts'] }))
      .thenThrows('unknown-category');
    expect(error.message).toMatch(
      /^erasure categories must be non-empty and known; valid: device-info, /,
    );
    expect(error.details).toMatchObject({ field: 'scope.categories' });
    expect(error.details.allowed).toHaveLength(10);
  });

  it('refuses an empty list of categories', () => {
    spec
      .given([registered()])
      .when(requestErasure({ kind: 'categories', categories: [] }))
      .thenThrows('unknown-category');
  });

  it('refuses an erasure id already used', () => {
    spec
      .given([
        registered(),
        erasureRequested({ kind: 'categories', categories: ['media'] }, { at: earlier }),
      ])
      .when(requestErasure({ kind: 'account' }))
      .thenThrows('duplicate-id');
  });

  it('refuses a second account erasure', () => {
    const error = spec
      .given([registered(), accountErased])
      .when(requestErasure({ kind: 'account' }))
      .thenThrows('erasure-already-requested');
    expect(error.message).toBe('erasure of the whole account was already requested');
  });

  it('refuses a category erasure after the account erasure', () => {
    spec
      .given([registered(), accountErased])
      .when(requestErasure({ kind: 'categories', categories: ['media'] }))
      .thenThrows('erasure-already-requested');
  });

  it('refuses a subject that is not registered', () => {
    spec
      .given([])
      .when(requestErasure({ kind: 'account' }))
      .thenThrows('subject-not-registered');
  });

  describe('after the account erasure, only the erasure workflow continues', () => {
    const { deviceInfoForDiagnostics, appPerformance, locationCheck } = permissions;
    it.each<[string, SubjectCommand]>([
      ['grant-consent', grant(deviceInfoForDiagnostics)],
      ['revoke-consent', revoke(appPerformance)],
      ['record-sync', recordSync(locationCheck)],
      ['switch-local-data-mode', switchLocalDataMode(true)],
    ])('refuses %s', (_kind, command) => {
      const error = spec
        .given([registered(), accountErased])
        .when(command)
        .thenThrows('subject-erased');
      expect(error.message).toBe(
        'erasure of this account was requested; only the erasure workflow may continue',
      );
    });

    it('refuses registering the subject again', () => {
      spec
        .given([registered(), accountErased])
        .when(register({ at: NOW }))
        .thenThrows('subject-already-registered');
    });
  });
});
