import { toMillis } from '../../../shared/time/instant';
import type { SubjectEvent } from './subject.events';

export interface Registration {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly residency: string;
  readonly registeredAt: number;
}

/**
 * What a subject's stream says so far. `facts[i]` is the event at stream revision `i`;
 * rules that ask "at time T" read the facts in valid-time order (imports may back-date).
 */
export interface SubjectState {
  readonly registration?: Registration;
  readonly facts: readonly SubjectEvent[];
  /** Local Data Mode as of the newest valid time seen. */
  readonly localDataMode: boolean;
  readonly accountErasureRequested: boolean;
  readonly syncIds: ReadonlySet<string>;
  readonly erasureIds: ReadonlySet<string>;
}

export const initialSubjectState = (): SubjectState => ({
  facts: [],
  localDataMode: false,
  accountErasureRequested: false,
  syncIds: new Set(),
  erasureIds: new Set(),
});

export function evolveSubject(state: SubjectState, event: SubjectEvent): SubjectState {
  const next: SubjectState = { ...state, facts: [...state.facts, event] };
  switch (event.type) {
    case 'subject-registered':
      return {
        ...next,
        registration: {
          tenantId: event.tenantId,
          subjectId: event.subjectId,
          residency: event.residency,
          registeredAt: toMillis(event.occurredAt),
        },
      };
    case 'local-data-mode-switched-on':
    case 'local-data-mode-switched-off':
      return { ...next, localDataMode: localDataModeNow(next.facts) };
    case 'sync-recorded':
    case 'sync-refused':
      return { ...next, syncIds: new Set([...state.syncIds, event.syncId]) };
    case 'erasure-requested':
      return {
        ...next,
        accountErasureRequested: state.accountErasureRequested || event.scope.kind === 'account',
        erasureIds: new Set([...state.erasureIds, event.erasureId]),
      };
    // Facts only; the erasure workflow reads its steps from them (src/consent/domain/erasure).
    case 'consent-granted':
    case 'consent-revoked':
    case 'erasure-processor-notified':
    case 'erasure-processor-confirmed':
    case 'erasure-deadline-extended':
    case 'erasure-completed':
      return next;
  }
}

/** Facts in valid-time order; ties keep stream order. Each keeps its stream revision. */
export function factsByValidTime(
  facts: readonly SubjectEvent[],
): { readonly event: SubjectEvent; readonly revision: number; readonly at: number }[] {
  return facts
    .map((event, revision) => ({ event, revision, at: toMillis(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.revision - b.revision);
}

function localDataModeNow(facts: readonly SubjectEvent[]): boolean {
  return localDataModeAt(facts, Infinity);
}

/** Local Data Mode at valid time `at` (epoch ms): the newest switch at or before it decides. */
export function localDataModeAt(facts: readonly SubjectEvent[], at: number): boolean {
  let on = false;
  for (const { event, at: switchedAt } of factsByValidTime(facts)) {
    if (switchedAt > at) break;
    if (event.type === 'local-data-mode-switched-on') on = true;
    if (event.type === 'local-data-mode-switched-off') on = false;
  }
  return on;
}
