import { policyStream, subjectStream } from '../../../shared/tenancy/stream-names';
import { allFlowWindows, knownBy, PolicyHistory, decodePolicyEvent } from '../../../consent/domain';
import type { EventStore } from '../../../event-store/event-store.port';
import {
  matchesCombination,
  withinRange,
  type FlowWindowFilter,
} from '../../projections/flow-window-filter';
import { combinationRecordOf, type CombinationRecord } from '../../replay/flow-window-records';
import { readSideEventOf } from '../../replay/read-side-event';
import { subjectStateOf } from '../../replay/subject-state-of';

/**
 * A subject's flow windows as the ledger knew them at a transaction time: the same
 * computation as the projection, over only the events of the subject's stream and of the
 * tenant's policy stream recorded by then. Past knowledge is not kept in any read model, so
 * this reads the log (two streams).
 */
export class FlowWindowsAsKnownAt {
  constructor(private readonly store: EventStore) {}

  /** The head of the feed, read before the streams: the answer reflects at least it. */
  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }

  /** Undefined for a subject whose stream is empty even now. */
  async read(
    tenantId: string,
    subjectId: string,
    filter: FlowWindowFilter,
    knownAt: number,
  ): Promise<CombinationRecord[] | undefined> {
    const [subjectEvents, policyEvents] = await Promise.all([
      this.store.readStream(subjectStream(tenantId, subjectId)),
      this.store.readStream(policyStream(tenantId)),
    ]);
    if (subjectEvents.length === 0) return undefined;
    const facts = knownBy(subjectEvents, knownAt).flatMap((recorded) => {
      const event = readSideEventOf(recorded);
      return event.kind === 'subject-fact' ? [event.fact] : [];
    });
    const policy = PolicyHistory.of(
      knownBy(policyEvents, knownAt).map((recorded) => decodePolicyEvent(recorded.data)),
    );
    const eventIds = facts.map((fact) => fact.eventId);
    return allFlowWindows(subjectStateOf(facts), policy)
      .filter((combination) => matchesCombination(filter, combination))
      .map((combination) => withinRange(combinationRecordOf(combination, eventIds), filter));
  }
}
