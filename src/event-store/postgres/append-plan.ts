import type { SerialisedEvent } from '../append-validation';
import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { assertExpectedRevision, type CurrentRevision } from '../expected-revision';

export interface AppendRequest {
  readonly streamName: string;
  readonly events: readonly SerialisedEvent[];
  readonly expected: ExpectedRevision;
}

export interface StoredEvent {
  readonly streamName: string;
  readonly streamRevision: number;
  readonly position: bigint;
}

/** What the database holds for a group's streams and event ids, read under the stream locks. */
export interface StoredState {
  /** Revision of each stream's last event; streams without events are absent. */
  readonly revisions: ReadonlyMap<string, number>;
  /** Stored events among the group's ids, by id. */
  readonly events: ReadonlyMap<string, StoredEvent>;
}

interface PlannedRow {
  readonly event: SerialisedEvent;
  readonly streamName: string;
  readonly streamRevision: number;
}

type PlannedAppend =
  /** Will be inserted; its last event is `rows[lastRow]` (0-based). */
  | { readonly kind: 'insert'; readonly nextExpectedRevision: number; readonly lastRow: number }
  /** A retry of a batch already stored: answer with the original result. */
  | { readonly kind: 'retried'; readonly result: AppendResult }
  | { readonly kind: 'refused'; readonly error: Error }
  /** Reuses ids another append of this group will insert: run it in the next group. */
  | { readonly kind: 'deferred' };

export interface GroupPlan {
  readonly appends: readonly PlannedAppend[];
  readonly rows: readonly PlannedRow[];
}

/**
 * Decides a group of appends in order, as if each ran alone after the ones before it:
 * idempotent retries first (they are answered whatever the stream holds now), then reused
 * ids, then the expected revision against the stream as the earlier appends leave it.
 */
export function planAppendGroup(
  requests: readonly AppendRequest[],
  stored: StoredState,
): GroupPlan {
  const revisions = new Map(stored.revisions);
  const idsToInsert = new Set<string>();
  const rows: PlannedRow[] = [];
  const appends = requests.map((request): PlannedAppend => {
    const { streamName, events, expected } = request;
    if (events.some((e) => idsToInsert.has(e.id))) return { kind: 'deferred' };

    const found = events.map((e) => stored.events.get(e.id));
    if (found.some((f) => f !== undefined)) return classifyStoredIds(request, found);

    const current: CurrentRevision = revisions.get(streamName) ?? 'no_stream';
    try {
      assertExpectedRevision(streamName, expected, current);
    } catch (error) {
      return { kind: 'refused', error: error as Error };
    }
    const first = current === 'no_stream' ? 0 : current + 1;
    events.forEach((event, i) => {
      idsToInsert.add(event.id);
      rows.push({ event, streamName, streamRevision: first + i });
    });
    const nextExpectedRevision = first + events.length - 1;
    revisions.set(streamName, nextExpectedRevision);
    return { kind: 'insert', nextExpectedRevision, lastRow: rows.length - 1 };
  });
  return { appends, rows };
}

function classifyStoredIds(
  request: AppendRequest,
  found: readonly (StoredEvent | undefined)[],
): PlannedAppend {
  const first = found[0];
  const isSameBatch =
    first !== undefined &&
    found.every(
      (f, i) =>
        f !== undefined &&
        f.streamName === request.streamName &&
        f.streamRevision === first.streamRevision + i,
    );
  if (isSameBatch) {
    const last = found[found.length - 1]!;
    return {
      kind: 'retried',
      result: { nextExpectedRevision: last.streamRevision, position: last.position },
    };
  }
  const reused = request.events.find((_, i) => found[i] !== undefined)!;
  return { kind: 'refused', error: new DuplicateEventIdError(request.streamName, reused.id) };
}
