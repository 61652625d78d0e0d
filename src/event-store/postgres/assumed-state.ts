import type { AppendRequest, StoredState } from './append-plan';

/**
 * The state a group's expectations take for granted, when they pin it down exactly: every
 * stream's first append names an exact revision or `no_stream`, later appends to the same
 * stream in the group follow on from the earlier ones, and no event id appears twice. Then,
 * if the database holds exactly that (and none of the ids), every append of the group is an
 * insert, and the group can be written in one round trip by a statement that checks this
 * itself (see `insertGroupIfUnchanged`). Undefined when the group needs the state read first:
 * `any` / `stream_exists`, appends that cannot all succeed, or ids repeated in the group.
 */
export function assumedState(requests: readonly AppendRequest[]): StoredState | undefined {
  const assumed = new Map<string, number>();
  const running = new Map<string, number | 'no_stream'>();
  const ids = new Set<string>();
  for (const { streamName, events, expected } of requests) {
    if (typeof expected !== 'number' && expected !== 'no_stream') return undefined;
    const current = running.get(streamName);
    if (current === undefined) {
      if (expected !== 'no_stream') assumed.set(streamName, expected);
    } else if (current !== expected) {
      return undefined;
    }
    for (const event of events) {
      if (ids.has(event.id)) return undefined;
      ids.add(event.id);
    }
    const first = current === undefined ? expected : current;
    const base = first === 'no_stream' ? -1 : first;
    running.set(streamName, base + events.length);
  }
  return { revisions: assumed, events: new Map() };
}

/**
 * Each stream of the group with the revision it is assumed to hold (null: no stream), as the
 * two arrays `insertGroupIfUnchanged` compares with the table.
 */
export function assumedRevisions(
  requests: readonly AppendRequest[],
  state: StoredState,
): { names: string[]; revisions: (number | null)[] } {
  const names = [...new Set(requests.map((r) => r.streamName))];
  return { names, revisions: names.map((name) => state.revisions.get(name) ?? null) };
}
