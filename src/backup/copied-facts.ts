import { type EventLogSummary, summariseEventLog } from './log-roots';
import type { StoreRole } from './store-layout';
import type { StoreSource } from './store-source';
import {
  eventBatches,
  kekIdsInUse,
  latestSignedCheckpoints,
  leafFormatPins,
  projectionPositions,
  type SignedCheckpoint,
} from './store-facts';

/** What one set of store copies says about itself, gathered role by role in backup order. */
export interface CopiedFacts {
  checkpoints: SignedCheckpoint[];
  projections: { name: string; position: string }[];
  eventLog: EventLogSummary | undefined;
  kekIdsInUse: string[];
  /** Where each log starts chaining its leaves (docs/adr/0041); read with the checkpoints. */
  leafFormatPins: Map<string, number>;
}

export function noFacts(): CopiedFacts {
  return {
    checkpoints: [],
    projections: [],
    eventLog: undefined,
    kekIdsInUse: [],
    leafFormatPins: new Map(),
  };
}

/**
 * Reads what `role`'s copy holds into `facts`. The event log is re-hashed at the sizes of the
 * read store's checkpoints (read first, in backup order) and of `extraSizes`, so each can be
 * compared with its signed root.
 */
export async function gatherFacts(
  role: StoreRole,
  source: StoreSource,
  facts: CopiedFacts,
  extraSizes: ReadonlyMap<string, ReadonlySet<number>> = new Map(),
): Promise<void> {
  switch (role) {
    case 'read-store':
      facts.checkpoints = await latestSignedCheckpoints(source);
      facts.projections = await projectionPositions(source);
      facts.leafFormatPins = await leafFormatPins(source);
      return;
    case 'event-store':
      facts.eventLog = await summariseEventLog(
        eventBatches(source),
        wantedSizes(facts.checkpoints, extraSizes),
        facts.leafFormatPins,
      );
      return;
    case 'key-store':
      facts.kekIdsInUse = await kekIdsInUse(source);
      return;
  }
}

function wantedSizes(
  checkpoints: readonly SignedCheckpoint[],
  extra: ReadonlyMap<string, ReadonlySet<number>>,
): Map<string, Set<number>> {
  const wanted = new Map<string, Set<number>>();
  const add = (log: string, size: number) => {
    let sizes = wanted.get(log);
    if (sizes === undefined) wanted.set(log, (sizes = new Set()));
    sizes.add(size);
  };
  for (const checkpoint of checkpoints) add(checkpoint.log, checkpoint.size);
  for (const [log, sizes] of extra) for (const size of sizes) add(log, size);
  return wanted;
}
