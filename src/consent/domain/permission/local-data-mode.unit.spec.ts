import { fold } from '../../../shared/domain/decider';
import { toMillis } from '../../../shared/time/instant';
import { subjectDecider } from '../subject/subject.decider';
import {
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
} from '../testing/event-builders';
import { DAY, REGISTERED_AT, droneAppHistory, plus } from '../testing/fixtures';
import { evaluatePermission } from './evaluate-permission';
import { overlapsRange } from '../valid-time/valid-time-interval';
import { combinationsEverOffered, flowWindows } from './flow-windows';

const policy = droneAppHistory();
const combinations = combinationsEverOffered(policy);
const day = (n: number) => plus(REGISTERED_AT, n * DAY);
// Every combination granted, then Local Data Mode on from day 2 to day 4.
const state = fold(subjectDecider, [
  registered(),
  ...combinations.map((combination) => granted(combination, { at: day(1) })),
  localDataModeSwitchedOn(day(2)),
  localDataModeSwitchedOff(day(4)),
]);

describe('Local Data Mode stops every flow', () => {
  it.each(combinations)(
    'refuses $category to $recipient for $purpose while on, a user-initiated sync too',
    (c) => {
      for (const userInitiated of [false, true]) {
        const answer = evaluatePermission(state, policy, {
          ...c,
          at: toMillis(day(3)),
          userInitiated,
        });
        expect(answer.permitted).toBe(false);
        expect(answer.reasons).toContain('local-data-mode');
      }
    },
  );

  it('cuts the windows of every combination', () => {
    const windows = combinations.flatMap((c) => flowWindows(state, policy, c).windows);
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      expect(overlapsRange(window, toMillis(day(2)), toMillis(day(4)))).toBe(false);
    }
  });

  it('lets flows resume once it is off', () => {
    const permitted = combinations.filter(
      (c) => evaluatePermission(state, policy, { ...c, at: toMillis(day(5)) }).permitted,
    );
    expect(permitted.length).toBeGreaterThan(0);
  });
});
