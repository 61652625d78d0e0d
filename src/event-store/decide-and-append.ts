import { WrongExpectedRevisionError } from './event-store.errors';
import type { EventStore, JsonObject, RecordedEvent } from './event-store.port';
import type { Decider } from '../shared/domain/decider';

interface DecideOptions<Event> {
  /** The stream's decoder: stored event data in, the typed event out (docs/adr/0032). */
  readonly decode: (data: JsonObject) => Event;
  /** Ids for the events this request appends, derived from its idempotency key. */
  readonly eventId: (index: number) => string;
  /** Set when the caller pinned a revision (If-Match): a mismatch is a 409, not a retry. */
  readonly expectedRevision?: number;
  readonly metadata?: JsonObject;
  /** Re-reads and re-decides this often when another writer got in first. */
  readonly maxAttempts?: number;
}

export interface DecideResult<Event> {
  /** The events this request stands for: appended now, or by an earlier try of it. */
  readonly events: readonly Event[];
  /** Revision of the stream's last event afterwards; -1 when the stream is still empty. */
  readonly revision: number;
  /**
   * Global position of the stream's last event afterwards (undefined for an empty stream):
   * once projections reach it, they reflect this request. The consistency token.
   */
  readonly position?: bigint;
  /** True when an earlier try of the same request had already appended the events. */
  readonly replayed: boolean;
}

/**
 * The write path of every command: read the stream, fold it, decide, append with the
 * revision that was read. When another writer appended in between, the command is decided
 * again on the new state (it may now be refused), unless the caller pinned the revision.
 * A retry of a request whose events are already in the stream returns those events instead
 * of deciding again, so a lost response never turns into a second decision.
 */
export async function decideAndAppend<Command, Event extends { type: string }, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamName: string,
  command: Command,
  options: DecideOptions<Event>,
): Promise<DecideResult<Event>> {
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? 5) : 1;
  for (let attempt = 1; ; attempt++) {
    const stored = await store.readStream(streamName);
    const revision = stored.length - 1;
    const earlier = alreadyAppended(stored, options);
    if (earlier) return earlier;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(
        streamName,
        options.expectedRevision,
        revision < 0 ? 'no_stream' : revision,
      );
    }
    const state = stored.reduce(
      (s, e) => decider.evolve(s, options.decode(e.data)),
      decider.initialState(),
    );
    const events = decider.decide(command, state);
    if (events.length === 0) {
      return { events, revision, position: stored[revision]?.globalPosition, replayed: false };
    }
    try {
      const result = await store.append(
        streamName,
        events.map((event, index) => ({
          id: options.eventId(index),
          type: event.type,
          data: event,
          metadata: options.metadata ?? {},
        })),
        revision < 0 ? 'no_stream' : revision,
      );
      return {
        events,
        revision: result.nextExpectedRevision,
        position: result.position,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
    }
  }
}

function alreadyAppended<Event>(
  stored: readonly RecordedEvent[],
  { eventId, decode }: DecideOptions<Event>,
): DecideResult<Event> | undefined {
  const first = stored.findIndex((e) => e.id === eventId(0));
  if (first < 0) return undefined;
  const mine: RecordedEvent[] = [];
  for (let i = first; i < stored.length && stored[i]!.id === eventId(mine.length); i++) {
    mine.push(stored[i]!);
  }
  const last = mine[mine.length - 1]!;
  return {
    events: mine.map((e) => decode(e.data)),
    revision: last.streamRevision,
    position: last.globalPosition,
    replayed: true,
  };
}
