import { toMillis } from '../../../shared/time/instant';
import type { SubjectEvent } from '../subject/subject.events';

/** A fact of a subject's stream with its stream revision and valid time (epoch ms). */
export interface TimedFact {
  readonly event: SubjectEvent;
  readonly revision: number;
  readonly at: number;
}

/**
 * Facts in valid-time order, ties in stream order, each with its stream revision: the order
 * in which every rule that asks "at time T" reads a stream (imports may back-date a fact).
 */
export function factsByValidTime(facts: readonly SubjectEvent[]): TimedFact[] {
  return facts
    .map((event, revision) => ({ event, revision, at: toMillis(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.revision - b.revision);
}
