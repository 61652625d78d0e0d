import type { SubjectState } from '../subject/subject.state';
import { factsByValidTime, type TimedFact } from '../valid-time/facts-by-valid-time';
import { clipFrom, type ValidTimeInterval } from '../valid-time/valid-time-interval';
import { localDataModePeriods, outsideLocalDataMode } from './local-data-mode';

/**
 * A subject's standing over valid time, as the per-tenant summary counts it. Nothing
 * before registration counts: rule 1 refuses everything then.
 */
interface SubjectPeriods {
  /** From registration on. */
  readonly registered: ValidTimeInterval;
  /** While Local Data Mode is on (from registration on): no data flows. */
  readonly localDataMode: readonly ValidTimeInterval[];
  /** From the first account-wide erasure request (by valid time) on: no data flows. */
  readonly erased?: ValidTimeInterval;
  /** Registered, neither erased nor in Local Data Mode: some data may flow at all. */
  readonly active: readonly ValidTimeInterval[];
}

/** The periods of a subject; undefined before it is registered. */
export function subjectPeriods(state: SubjectState): SubjectPeriods | undefined {
  const registeredAt = state.registration?.registeredAt;
  if (registeredAt === undefined) return undefined;
  const ordered = factsByValidTime(state.facts);
  const localDataMode: ValidTimeInterval[] = [];
  for (const period of localDataModePeriods(ordered)) {
    const registered = clipFrom(period, registeredAt);
    if (registered) localDataMode.push(registered);
  }
  const erasedAt = firstAccountErasure(ordered);
  const erasedFrom = erasedAt === undefined ? undefined : Math.max(erasedAt, registeredAt);
  const active = outsideLocalDataMode(
    erasedFrom === undefined ? { start: registeredAt } : { start: registeredAt, end: erasedFrom },
    localDataMode,
  );
  const registered = { start: registeredAt };
  return erasedFrom === undefined
    ? { registered, localDataMode, active }
    : { registered, localDataMode, erased: { start: erasedFrom }, active };
}

function firstAccountErasure(ordered: readonly TimedFact[]): number | undefined {
  for (const { event, at } of ordered) {
    if (event.type === 'erasure-requested' && event.scope.kind === 'account') return at;
  }
  return undefined;
}
