import type { CombinationWindows, FlowWindow } from '../api-types';
import { laneKeyOf } from '../format';

/**
 * The timeline as the ledger knew it at an earlier instant (issue #16, item 4), set against
 * what it knows now: the windows drawn are exactly the API's answer for `knownAt`; what
 * differs from now is marked, never redrawn from a second computation.
 */
export interface KnownAtComparison {
  readonly knownAt: string;
  /** Per lane: windows that stand now but were not known, as they are, at `knownAt`. */
  readonly addedLater: ReadonlyMap<string, readonly FlowWindow[]>;
  /** Keys (lane, start, end) of windows known at `knownAt` that do not stand as they were now. */
  readonly changedLater: ReadonlySet<string>;
}

export function windowKey(lane: string, w: FlowWindow): string {
  return `${lane}/${w.start}/${w.end ?? ''}`;
}

/**
 * The combinations to draw (those known at `knownAt`, plus empty lanes for combinations only
 * known now, so that their later windows have a place) and what changed since.
 */
export function compareKnownAt(
  now: readonly CombinationWindows[],
  then: readonly CombinationWindows[],
  knownAt: string,
): { readonly combinations: CombinationWindows[]; readonly comparison: KnownAtComparison } {
  const keysOf = (combinations: readonly CombinationWindows[]): Set<string> =>
    new Set(combinations.flatMap((c) => c.windows.map((w) => windowKey(laneKeyOf(c), w))));
  const nowKeys = keysOf(now);
  const thenKeys = keysOf(then);
  const addedLater = new Map<string, FlowWindow[]>();
  for (const c of now) {
    const lane = laneKeyOf(c);
    const added = c.windows.filter((w) => !thenKeys.has(windowKey(lane, w)));
    if (added.length > 0) addedLater.set(lane, added);
  }
  const thenLanes = new Set(then.map(laneKeyOf));
  const combinations = [
    ...then,
    ...now.filter((c) => !thenLanes.has(laneKeyOf(c))).map((c) => ({ ...c, windows: [] })),
  ];
  const changedLater = new Set([...thenKeys].filter((key) => !nowKeys.has(key)));
  return { combinations, comparison: { knownAt, addedLater, changedLater } };
}
