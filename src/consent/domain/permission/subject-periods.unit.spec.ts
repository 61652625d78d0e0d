import { toIso, toMillis } from '../../../shared/time/instant';
import { subjectDecider } from '../subject/subject.decider';
import type { SubjectEvent } from '../subject/subject.events';
import {
  erasureRequested,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
} from '../testing/event-builders';
import { DAY, REGISTERED_AT } from '../testing/fixtures';
import { subjectPeriods } from './subject-periods';

const R = toMillis(REGISTERED_AT);
const day = (n: number) => toIso(R + n * DAY);
const periodsOf = (facts: SubjectEvent[]) =>
  subjectPeriods(facts.reduce(subjectDecider.evolve, subjectDecider.initialState()));

describe('the periods of a subject', () => {
  it('are none before registration', () => {
    expect(periodsOf([])).toBeUndefined();
  });

  it('leave Local Data Mode out of the active periods: it stops every flow', () => {
    expect(
      periodsOf([
        registered(),
        localDataModeSwitchedOn(day(1)),
        localDataModeSwitchedOff(day(2)),
        localDataModeSwitchedOn(day(3)),
      ]),
    ).toEqual({
      registered: { start: R },
      localDataMode: [{ start: R + DAY, end: R + 2 * DAY }, { start: R + 3 * DAY }],
      active: [
        { start: R, end: R + DAY },
        { start: R + 2 * DAY, end: R + 3 * DAY },
      ],
    });
  });

  it('count nothing before registration, even a back-dated switch', () => {
    expect(
      periodsOf([registered(), localDataModeSwitchedOn(day(-5)), localDataModeSwitchedOff(day(1))]),
    ).toEqual({
      registered: { start: R },
      localDataMode: [{ start: R, end: R + DAY }],
      active: [{ start: R + DAY }],
    });
  });

  it('end the active periods at the first account-wide erasure request', () => {
    expect(
      periodsOf([
        registered(),
        localDataModeSwitchedOn(day(1)),
        localDataModeSwitchedOff(day(2)),
        erasureRequested({ kind: 'categories', categories: ['media'] }, { at: day(3) }),
        erasureRequested({ kind: 'account' }, { at: day(4), erasureId: 'e-2' }),
      ]),
    ).toEqual({
      registered: { start: R },
      localDataMode: [{ start: R + DAY, end: R + 2 * DAY }],
      erased: { start: R + 4 * DAY },
      active: [
        { start: R, end: R + DAY },
        { start: R + 2 * DAY, end: R + 4 * DAY },
      ],
    });
  });
});
