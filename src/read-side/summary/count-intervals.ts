import { basisUntil, type StandingBasis, subjectPeriods } from '../../consent/domain';
import type { ValidTimeInterval, Permission, SubjectState } from '../../consent/domain';
import { toIso, type IsoInstant } from '../../shared/time/instant';
import { columnsOf, keyText, type SubjectMetric } from './count-key';

/**
 * A half-open stretch of valid time [start, end) during which one subject counts towards
 * `key` (`end` undefined: from `start` on). Instants are ISO-8601 text of the fixed form,
 * which orders as text.
 */
export interface CountInterval extends ValidTimeInterval<IsoInstant> {
  readonly key: string;
}

/** A window as stored: where it starts and ends and the basis in force from each instant. */
export interface CountedWindow extends ValidTimeInterval<IsoInstant> {
  readonly bases: readonly { readonly from: IsoInstant; readonly basis: StandingBasis }[];
}

/** The subject metrics' keys, built once. */
const REGISTERED = subjectKeyText('registered');
const LOCAL_DATA_MODE = subjectKeyText('local-data-mode');
const ERASED = subjectKeyText('erased');
const ACTIVE = subjectKeyText('active');

/**
 * When the subject counts as registered, in Local Data Mode, erased and active: the
 * domain's `subjectPeriods`, keyed and written as text.
 */
export function subjectCountIntervals(state: SubjectState): CountInterval[] {
  const periods = subjectPeriods(state);
  if (periods === undefined) return [];
  const intervals: CountInterval[] = [interval(REGISTERED, periods.registered)];
  for (const period of periods.localDataMode) intervals.push(interval(LOCAL_DATA_MODE, period));
  if (periods.erased) intervals.push(interval(ERASED, periods.erased));
  for (const period of periods.active) intervals.push(interval(ACTIVE, period));
  return intervals;
}

/** When the subject counts as permitted `combination`, on which basis: the windows' bases. */
export function windowCountIntervals(
  combination: Permission,
  windows: readonly CountedWindow[],
): CountInterval[] {
  const intervals: CountInterval[] = [];
  for (const window of windows) {
    for (let index = 0; index < window.bases.length; index++) {
      const { from, basis } = window.bases[index]!;
      const end = basisUntil(window, index);
      const key = keyText({
        metric: 'permitted',
        category: combination.category,
        recipient: combination.recipient,
        purpose: combination.purpose,
        basis,
      });
      intervals.push(end === undefined ? { key, start: from } : { key, start: from, end });
    }
  }
  return intervals;
}

function interval(key: string, { start, end }: ValidTimeInterval): CountInterval {
  return end === undefined
    ? { key, start: toIso(start) }
    : { key, start: toIso(start), end: toIso(end) };
}

function subjectKeyText(metric: SubjectMetric): string {
  return keyText(columnsOf({ metric }));
}
