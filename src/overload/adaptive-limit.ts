/** A late window takes a quarter off the limit... */
const DECREASE = 0.75;
/** ...a timely one adds a quarter back (at least one slot), up to the configured ceiling. */
const INCREASE = 0.25;
/** The limit never falls below an eighth of the ceiling: a starved service still serves some. */
const FLOOR_SHARE = 1 / 8;

/**
 * The next concurrency limit of a route class after a window of event-loop delay `delayMs`
 * (multiplicative decrease, proportional increase: the shape of Netflix's AIMD limit, with the
 * loop's lateness as the congestion signal, since on one event loop every request in flight
 * delays every other, the probes included). Each class moves between its floor and `ceiling`.
 */
export function nextLimit(
  current: number,
  ceiling: number,
  delayMs: number,
  targetDelayMs: number,
): number {
  if (delayMs > targetDelayMs) return Math.max(floorOf(ceiling), Math.floor(current * DECREASE));
  return Math.min(ceiling, current + Math.max(1, Math.ceil(current * INCREASE)));
}

export function floorOf(ceiling: number): number {
  return Math.max(1, Math.ceil(ceiling * FLOOR_SHARE));
}
