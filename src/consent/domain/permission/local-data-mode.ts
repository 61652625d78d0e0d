import type { RefusalReason, SubjectEvent } from '../subject/subject.events';
import { factsByValidTime, type TimedFact } from '../valid-time/facts-by-valid-time';
import { appendMerged, subtract, type ValidTimeInterval } from '../valid-time/valid-time-interval';

/**
 * Local Data Mode: the subject's data stays on the device. This file is the whole rule.
 *
 * - **It stops every flow.** While it is on, rule 1 refuses every flow of the subject's data
 *   with the reason `local-data-mode`: every (category, recipient, purpose), whatever the
 *   basis (a grant, an opt-out default, a mandatory category, a user-initiated sync's one-off
 *   consent), beside whatever other reasons hold (`localDataModeRefusal`). Rule 1 asks it
 *   in `evaluatePermission` and `flowWindows` (both through `blockersOf`); the summary's
 *   "active" subjects are the registered ones outside it (`outsideLocalDataMode`).
 * - **When it is on.** At valid time T, the newest switch at or before T decides: in
 *   valid-time order, ties in stream order (a back-dated switch changes the past). Before
 *   any switch it is off. As stretches of time: `localDataModePeriods`.
 */

/** The refusal Local Data Mode adds to any flow while on; none while off. */
export function localDataModeRefusal(on: boolean): RefusalReason | undefined {
  return on ? 'local-data-mode' : undefined;
}

/** The mode a fact leaves Local Data Mode in: on, off, or (not a switch) undefined. */
export function localDataModeAfter(event: SubjectEvent): boolean | undefined {
  if (event.type === 'local-data-mode-switched-on') return true;
  if (event.type === 'local-data-mode-switched-off') return false;
  return undefined;
}

/** Local Data Mode at valid time `at` (epoch ms) by the facts of the stream, in stream order. */
export function localDataModeAt(facts: readonly SubjectEvent[], at: number): boolean {
  let on = false;
  for (const { event, at: switchedAt } of factsByValidTime(facts)) {
    if (switchedAt > at) break;
    on = localDataModeAfter(event) ?? on;
  }
  return on;
}

/**
 * The stretches of valid time in which Local Data Mode is on, from facts in valid-time
 * order (`factsByValidTime`): in order, disjoint, none empty, stretches that meet merged.
 */
export function localDataModePeriods(ordered: readonly TimedFact[]): ValidTimeInterval[] {
  const periods: { start: number; end?: number }[] = [];
  let onSince: number | undefined;
  for (const { event, at } of ordered) {
    const on = localDataModeAfter(event);
    if (on === true) onSince ??= at;
    else if (on === false && onSince !== undefined) {
      appendMerged(periods, onSince, at);
      onSince = undefined;
    }
  }
  if (onSince !== undefined) appendMerged(periods, onSince, undefined);
  return periods;
}

/** The stretches of `within` in which Local Data Mode lets data flow: those outside `periods`. */
export function outsideLocalDataMode(
  within: ValidTimeInterval,
  periods: readonly ValidTimeInterval[],
): ValidTimeInterval[] {
  return subtract(within, periods);
}
