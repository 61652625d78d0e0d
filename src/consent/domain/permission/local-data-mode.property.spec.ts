import fc from 'fast-check';
import { toIso } from '../../../shared/time/instant';
import type { SubjectEvent } from '../subject/subject.events';
import {
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
} from '../testing/event-builders';
import { PROPERTY_TEST_TIMEOUT_MS, propertyRunOptions } from '../testing/property-run-options';
import { factsByValidTime } from '../valid-time/facts-by-valid-time';
import { inRange } from '../valid-time/valid-time-interval';
import { localDataModeAt, localDataModePeriods } from './local-data-mode';

jest.setTimeout(PROPERTY_TEST_TIMEOUT_MS);

const options = propertyRunOptions(20261207, 300);
const T0 = Date.parse('2026-05-01T00:00:00.000Z');

/** Switches at a few instants (so that several share one), in any stream order. */
const stream: fc.Arbitrary<SubjectEvent[]> = fc
  .array(fc.record({ on: fc.boolean(), minute: fc.nat({ max: 6 }) }), { maxLength: 12 })
  .map((switches) => [
    registered({ at: toIso(T0) }),
    ...switches.map(({ on, minute }) =>
      (on ? localDataModeSwitchedOn : localDataModeSwitchedOff)(toIso(T0 + minute * 60_000)),
    ),
  ]);

describe('the periods of Local Data Mode', () => {
  it('hold exactly the instants at which the newest switch at or before them is "on"', () => {
    fc.assert(
      fc.property(stream, (facts) => {
        const periods = localDataModePeriods(factsByValidTime(facts));
        for (let minute = -1; minute <= 7; minute++) {
          for (const offset of [-1, 0, 1]) {
            const at = T0 + minute * 60_000 + offset;
            const inPeriod = periods.some((p) => inRange(at, p.start, p.end));
            expect(inPeriod).toBe(localDataModeAt(facts, at));
          }
        }
      }),
      options,
    );
  });

  it('come in order, disjoint, none empty and none meeting the next', () => {
    fc.assert(
      fc.property(stream, (facts) => {
        const periods = localDataModePeriods(factsByValidTime(facts));
        periods.forEach((period, i) => {
          if (period.end !== undefined) expect(period.start).toBeLessThan(period.end);
          const next = periods[i + 1];
          if (next) expect(period.end).toBeLessThan(next.start);
        });
      }),
      options,
    );
  });
});
