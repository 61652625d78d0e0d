import { toMillis } from '../../../shared/time/instant';
import { localDataModeAt } from '../permission/local-data-mode';
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
      return { ...next, localDataMode: localDataModeAt(next.facts, Infinity) };
    case 'sync-recorded':
    case 'sync-refused':
      return { ...next, syncIds: new Set([...state.syncIds, event.syncId]) };
    case 'erasure-requested':
      return {
        ...next,
        accountErasureRequested: state.accountErasureRequested || event.scope.kind === 'account',
        erasureIds: new Set([...state.erasureIds, event.erasureId]),
      };
    // Facts only; the erasure workflow reads its steps from them (src/erasure/domain).
    case 'consent-granted':
    case 'consent-revoked':
    case 'erasure-processor-notified':
    case 'erasure-processor-confirmed':
    case 'erasure-deadline-extended':
    case 'erasure-completed':
      return next;
  }
}
