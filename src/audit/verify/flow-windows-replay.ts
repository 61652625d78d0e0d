import { policyStream, subjectStream } from '../../shared/tenancy/stream-names';
import { allFlowWindows, PolicyHistory } from '../../consent/domain';
import type { PolicyPublished } from '../../consent/domain';
import type { RecordedEvent } from '../../event-store/event-store.port';
import {
  combinationRecordOf,
  type CombinationRecord,
  readSideEventOf,
  subjectStateOf,
} from '../../read-side/replay';
import type { StoredFact } from '../../read-side/replay';

interface Replay {
  /** The windows the events give; undefined when they cannot be replayed. */
  readonly windows?: CombinationRecord[];
  readonly problems: readonly string[];
}

/**
 * Re-derives a subject's flow windows from its stream and the tenant's policy stream, with
 * the service's own rules: the events become facts as the read side takes them, fold into
 * the subject's state through the subject decider, and `allFlowWindows` sweeps them against
 * the policy history. Both streams must be whole, from revision 0 without a gap: the rules
 * cite evidence by revision.
 */
export function replayFlowWindows(
  tenant: string,
  subjectId: string,
  events: readonly RecordedEvent[],
): Replay {
  const subjectEvents = events.filter((e) => e.streamName === subjectStream(tenant, subjectId));
  const policyEvents = events.filter((e) => e.streamName === policyStream(tenant));
  const problems = [
    ...gaps(subjectEvents, "the subject's stream"),
    ...gaps(policyEvents, "the tenant's policy stream"),
  ];
  if (subjectEvents.length === 0)
    problems.push("the bundle holds no event of the subject's stream");
  if (problems.length > 0) return { problems };
  try {
    const facts: StoredFact[] = [];
    for (const recorded of subjectEvents) {
      const read = readSideEventOf(recorded);
      if (read.kind !== 'subject-fact') {
        return { problems: [`revision ${recorded.streamRevision} is not a fact of the subject`] };
      }
      facts.push(read.fact);
    }
    const policies: PolicyPublished[] = [];
    for (const recorded of policyEvents) {
      const read = readSideEventOf(recorded);
      if (read.kind !== 'policy-published') {
        return { problems: [`policy revision ${recorded.streamRevision} is not a policy version`] };
      }
      policies.push(read.event);
    }
    const eventIds = facts.map((fact) => fact.eventId);
    const windows = allFlowWindows(subjectStateOf(facts), PolicyHistory.of(policies)).map(
      (combination) => combinationRecordOf(combination, eventIds),
    );
    return { windows, problems: [] };
  } catch (error) {
    // The rules refuse what they cannot read (an unknown event type, a malformed policy).
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [`the events cannot be replayed: ${reason}`] };
  }
}

/** Revisions must run 0, 1, 2, … in feed order; names the first place where they do not. */
function gaps(events: readonly RecordedEvent[], stream: string): string[] {
  const at = events.findIndex((event, expected) => event.streamRevision !== expected);
  if (at < 0) return [];
  return [
    `${stream} is not whole: revision ${at} is expected where revision ${events[at]!.streamRevision} stands`,
  ];
}
