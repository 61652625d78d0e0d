import type { StandingBasis } from '../../consent/domain/permission/flow-windows';
import { toIso, type IsoInstant } from '../../shared/time/instant';
import type { Permission } from '../../consent/domain/subject/subject.events';
import { factsByValidTime, type SubjectState } from '../../consent/domain/subject/subject.state';
import { columnsOf, keyText, type CountKey } from './count-key';

/**
 * A half-open stretch of valid time [start, end) during which one subject counts towards
 * `key` (`end` undefined: from `start` on). Instants are ISO-8601 text of the fixed form,
 * which orders as text.
 */
export interface CountInterval {
  readonly key: string;
  readonly start: IsoInstant;
  readonly end?: IsoInstant;
}

/** A window as stored: where it starts and ends and the basis in force from each instant. */
export interface CountedWindow {
  readonly start: IsoInstant;
  readonly end?: IsoInstant;
  readonly bases: readonly { readonly from: IsoInstant; readonly basis: StandingBasis }[];
}

/**
 * When the subject counts as registered (from its registration on), erased (from the first
 * account-wide erasure request, by valid time, on), in Local Data Mode (while the newest
 * switch by valid time is "on", as rule 1 reads it) and active: registered, neither erased
 * nor in Local Data Mode, so that some data may flow at all. Nothing before registration
 * counts (rule 1 refuses everything then).
 */
export function subjectCountIntervals(state: SubjectState): CountInterval[] {
  const registeredAt = state.registration?.registeredAt;
  if (registeredAt === undefined) return [];
  let erasedAt: number | undefined;
  const localDataMode: { start: number; end?: number }[] = [];
  for (const { event, at } of factsByValidTime(state.facts)) {
    if (event.type === 'erasure-requested' && event.scope.kind === 'account') {
      erasedAt ??= at;
    } else if (event.type === 'local-data-mode-switched-on') {
      const open = localDataMode[localDataMode.length - 1];
      if (open === undefined || open.end !== undefined) localDataMode.push({ start: at });
    } else if (event.type === 'local-data-mode-switched-off') {
      const open = localDataMode[localDataMode.length - 1];
      if (open !== undefined && open.end === undefined) open.end = at;
    }
  }
  const from = (at: number) => Math.max(at, registeredAt);
  const modeSpans = localDataMode
    .map(({ start, end }) => ({ start: from(start), end: end === undefined ? end : from(end) }))
    .filter(({ start, end }) => end === undefined || start < end);
  const erasedFrom = erasedAt === undefined ? undefined : from(erasedAt);

  const intervals: CountInterval[] = [
    interval({ metric: 'registered' }, registeredAt),
    ...modeSpans.map((span) => interval({ metric: 'local-data-mode' }, span.start, span.end)),
    ...(erasedFrom === undefined ? [] : [interval({ metric: 'erased' }, erasedFrom)]),
  ];
  // Active: registration on, minus the spans in Local Data Mode, up to the erasure.
  let activeFrom: number | undefined = registeredAt;
  const activeUntil = (end: number) => {
    if (activeFrom !== undefined && activeFrom < end) {
      intervals.push(interval({ metric: 'active' }, activeFrom, end));
    }
  };
  for (const span of modeSpans) {
    if (erasedFrom !== undefined && span.start >= erasedFrom) break;
    activeUntil(span.start);
    activeFrom = span.end;
    if (activeFrom === undefined) break;
  }
  if (activeFrom !== undefined) {
    if (erasedFrom === undefined) intervals.push(interval({ metric: 'active' }, activeFrom));
    else activeUntil(erasedFrom);
  }
  return intervals;
}

/** When the subject counts as permitted `combination`, on which basis: the windows' bases. */
export function windowCountIntervals(
  combination: Permission,
  windows: readonly CountedWindow[],
): CountInterval[] {
  const intervals: CountInterval[] = [];
  for (const window of windows) {
    window.bases.forEach(({ from, basis }, i) => {
      const next = window.bases[i + 1]?.from ?? window.end;
      const key = keyText(columnsOf({ metric: 'permitted', basis, ...combination }));
      intervals.push(next === undefined ? { key, start: from } : { key, start: from, end: next });
    });
  }
  return intervals;
}

function interval(key: CountKey, start: number, end?: number): CountInterval {
  const text = keyText(columnsOf(key));
  return end === undefined
    ? { key: text, start: toIso(start) }
    : { key: text, start: toIso(start), end: toIso(end) };
}
