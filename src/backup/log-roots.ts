import type { RecordedEvent } from '../event-store/event-store.port';
import { logOfEvent, StreamChains } from '../audit';
import { MerkleFrontier } from './merkle-frontier';

/** One tenant log as re-hashed from the event log itself, not from the audit projection. */
interface LogRoots {
  readonly size: number;
  readonly root: Buffer;
  /** The root at each size that was asked for and that the log reached. */
  readonly rootsAt: ReadonlyMap<number, Buffer>;
}

export interface EventLogSummary {
  /** The last global position, 0 for an empty log. */
  readonly head: bigint;
  readonly events: number;
  readonly logs: ReadonlyMap<string, LogRoots>;
}

/**
 * Re-hashes every event, in feed order, into its tenant's log exactly as the `audit_log`
 * projection does (same leaf, same log of each event, the same chains from each log's pin
 * in `pins` on; a log without one is chained from its start), keeping only each log's right
 * edge and each stream's head. `wanted` names the sizes whose roots a caller must compare
 * with signed checkpoints.
 */
export async function summariseEventLog(
  batches: AsyncIterable<readonly RecordedEvent[]>,
  wanted: ReadonlyMap<string, ReadonlySet<number>> = new Map(),
  pins: ReadonlyMap<string, number> = new Map(),
): Promise<EventLogSummary> {
  const frontiers = new Map<string, MerkleFrontier>();
  const chains = new StreamChains((log) => pins.get(log) ?? 0);
  const rootsAt = new Map<string, Map<number, Buffer>>();
  let head = 0n;
  let events = 0;
  for await (const batch of batches) {
    for (const event of batch) {
      const log = logOfEvent(event);
      let frontier = frontiers.get(log);
      if (frontier === undefined) {
        frontier = new MerkleFrontier();
        frontiers.set(log, frontier);
      }
      frontier.append(chains.next(event, log, frontier.size).hash);
      if (wanted.get(log)?.has(frontier.size) === true) {
        let roots = rootsAt.get(log);
        if (roots === undefined) rootsAt.set(log, (roots = new Map<number, Buffer>()));
        roots.set(frontier.size, frontier.root());
      }
      head = event.globalPosition;
      events += 1;
    }
  }
  const logs = new Map<string, LogRoots>();
  for (const [log, frontier] of [...frontiers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    logs.set(log, {
      size: frontier.size,
      root: frontier.root(),
      rootsAt: rootsAt.get(log) ?? new Map(),
    });
  }
  return { head, events, logs };
}
