/**
 * Stretches of valid time as the rules read them: half-open, [start, end), so that two
 * stretches meeting at an instant share none and the fact at `end` already belongs to what
 * follows. No `end`: from `start` on. Instants are epoch ms, or ISO-8601 text of the fixed
 * `…T…:…:….sssZ` form, which orders as text; the functions compare them either way.
 */
export interface ValidTimeInterval<T extends number | string = number> {
  readonly start: T;
  readonly end?: T;
}

/** Whether `interval` shares an instant with [from, to); a bound left out is unbounded. */
export function overlapsRange<T extends number | string>(
  interval: ValidTimeInterval<T>,
  from: T | undefined,
  to: T | undefined,
): boolean {
  return (
    (to === undefined || interval.start < to) &&
    (from === undefined || interval.end === undefined || interval.end > from)
  );
}

/** Whether the instant `at` lies in [from, to); a bound left out is unbounded. */
export function inRange<T extends number | string>(
  at: T,
  from: T | undefined,
  to: T | undefined,
): boolean {
  return (to === undefined || at < to) && (from === undefined || at >= from);
}

/** The part of `interval` from `from` on; undefined when none is left. */
export function clipFrom(interval: ValidTimeInterval, from: number): ValidTimeInterval | undefined {
  const start = Math.max(interval.start, from);
  if (interval.end === undefined) return { start };
  const end = Math.max(interval.end, from);
  return start < end ? { start, end } : undefined;
}

/**
 * Adds [start, end) after the intervals of `merged` (kept in order, disjoint, none empty):
 * an empty one adds nothing, one that meets or overlaps the last extends it. `start` must
 * be at or after the last one's start.
 */
export function appendMerged(
  merged: { start: number; end?: number }[],
  start: number,
  end: number | undefined,
): void {
  if (end !== undefined && end <= start) return;
  const last = merged[merged.length - 1];
  if (last !== undefined && (last.end === undefined || last.end >= start)) {
    if (last.end !== undefined && (end === undefined || end > last.end)) last.end = end;
    return;
  }
  merged.push(end === undefined ? { start } : { start, end });
}

/**
 * `within` without the `holes` (in order, disjoint, none empty): the stretches of it that
 * no hole covers, in order, none empty.
 */
export function subtract(
  within: ValidTimeInterval,
  holes: readonly ValidTimeInterval[],
): ValidTimeInterval[] {
  const left: ValidTimeInterval[] = [];
  let from: number | undefined = within.start;
  for (const hole of holes) {
    if (within.end !== undefined && hole.start >= within.end) break;
    if (from < hole.start) left.push({ start: from, end: hole.start });
    from = hole.end === undefined ? undefined : Math.max(from, hole.end);
    if (from === undefined) return left;
  }
  if (within.end === undefined) left.push({ start: from });
  else if (from < within.end) left.push({ start: from, end: within.end });
  return left;
}
