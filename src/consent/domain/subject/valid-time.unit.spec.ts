import { toMillis } from '../../../shared/time/instant';
import {
  grant,
  recordSync,
  register,
  requestErasure,
  revoke,
  switchLocalDataMode,
} from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import {
  granted,
  localDataModeSwitchedOn,
  registered,
  revoked,
  syncRecorded,
} from '../testing/event-builders';
import {
  DAY,
  MAX_CLOCK_SKEW_MS,
  NOW,
  REGISTERED_AT,
  commandContext,
  importContext,
  permissions,
  plus,
} from '../testing/fixtures';
import type { CommandContext, SubjectCommand } from './subject.commands';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const { deviceInfoForDiagnostics, appPerformance } = permissions;

/** One command of each kind that a registered subject may send, at `at`. */
const commandsAt = (at: string, context: CommandContext): [string, SubjectCommand][] => [
  ['grant-consent', grant(deviceInfoForDiagnostics, { at, context })],
  ['revoke-consent', revoke(appPerformance, { at, context })],
  ['record-sync', recordSync(appPerformance, { at, context })],
  ['switch-local-data-mode', switchLocalDataMode(true, { at, context })],
  ['request-erasure', requestErasure({ kind: 'account' }, { at, context })],
];

describe('valid time (occurredAt)', () => {
  describe('in the future', () => {
    it('accepts up to the allowed clock skew', () => {
      const at = plus(NOW, MAX_CLOCK_SKEW_MS);
      spec
        .given([registered()])
        .when(grant(deviceInfoForDiagnostics, { at }))
        .then([granted(deviceInfoForDiagnostics, { at })]);
    });

    it.each(commandsAt(plus(NOW, MAX_CLOCK_SKEW_MS + 1), importContext()))(
      'refuses %s beyond the clock skew, even from an importer',
      (_kind, command) => {
        const error = spec.given([registered()]).when(command).thenThrows('invalid-time');
        expect(error.message).toBe('occurredAt lies more than 300000 ms in the future');
      },
    );

    it('refuses a registration beyond the clock skew', () => {
      spec
        .given([])
        .when(register({ at: plus(NOW, MAX_CLOCK_SKEW_MS + 1) }))
        .thenThrows('invalid-time');
    });
  });

  describe('in the past', () => {
    it('accepts a live command within the clock skew', () => {
      const at = plus(NOW, -MAX_CLOCK_SKEW_MS);
      spec
        .given([registered()])
        .when(revoke(appPerformance, { at }))
        .then([revoked(appPerformance, { at })]);
    });

    it.each(commandsAt(plus(NOW, -MAX_CLOCK_SKEW_MS - 1), commandContext()))(
      'refuses a back-dated %s from a caller without the import permission',
      (_kind, command) => {
        const error = spec.given([registered()]).when(command).thenThrows('invalid-time');
        expect(error.message).toBe(
          'occurredAt lies in the past; only imports (with the import permission) may back-date events',
        );
      },
    );

    it('refuses a back-dated registration without the import permission', () => {
      spec
        .given([])
        .when(register({ at: plus(NOW, -MAX_CLOCK_SKEW_MS - 1) }))
        .thenThrows('invalid-time');
    });

    it('lets an importer back-date, before facts with a later valid time', () => {
      const at = plus(NOW, -10 * DAY);
      spec
        .given([registered(), localDataModeSwitchedOn(plus(NOW, -5 * DAY))])
        .when(recordSync(appPerformance, { at, context: importContext() }))
        .then([syncRecorded(appPerformance, 'opt-out-default', { at })]);
    });
  });

  describe('before the registration', () => {
    it.each(commandsAt(plus(REGISTERED_AT, -1), importContext()))(
      'refuses %s, even from an importer',
      (_kind, command) => {
        const error = spec.given([registered()]).when(command).thenThrows('invalid-time');
        expect(error.message).toBe('occurredAt lies before the subject was registered');
      },
    );

    it('accepts the instant of the registration itself', () => {
      spec
        .given([registered()])
        .when(grant(deviceInfoForDiagnostics, { at: REGISTERED_AT, context: importContext() }))
        .then([granted(deviceInfoForDiagnostics, { at: REGISTERED_AT })]);
    });
  });

  it.each(['2026-06-01T12:00:00Z', '2026-06-01', 'now', '2026-02-30T12:00:00.000Z'])(
    'refuses "%s", which is not an ISO-8601 UTC instant with milliseconds',
    (at) => {
      spec
        .given([registered()])
        .when(grant(deviceInfoForDiagnostics, { at, context: importContext() }))
        .thenThrows('invalid-time');
      spec
        .given([])
        .when(register({ at, context: importContext() }))
        .thenThrows('invalid-time');
    },
  );

  it('measures the skew from the clock reading in the context', () => {
    const later = commandContext({ now: toMillis(NOW) + DAY });
    spec
      .given([registered()])
      .when(grant(deviceInfoForDiagnostics, { at: plus(NOW, DAY), context: later }))
      .then([granted(deviceInfoForDiagnostics, { at: plus(NOW, DAY) })]);
  });
});
