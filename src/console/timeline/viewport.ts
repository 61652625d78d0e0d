/** The span of valid time the timeline shows: zoomed and panned by wheel, drag and keys. */
export interface Viewport {
  readonly start: number;
  readonly end: number;
}

const MIN_SPAN = 60_000;
const MAX_SPAN = 200 * 365 * 86_400_000;

/** Zooms by `factor` (< 1: in) keeping the instant at `anchor` (0..1 of the width) in place. */
export function zoomed(view: Viewport, factor: number, anchor = 0.5): Viewport {
  const span = view.end - view.start;
  const next = Math.min(Math.max(span * factor, MIN_SPAN), MAX_SPAN);
  const pivot = view.start + span * anchor;
  return { start: pivot - next * anchor, end: pivot + next * (1 - anchor) };
}

/** Moves by `fraction` of the span (positive: later). */
export function panned(view: Viewport, fraction: number): Viewport {
  const shift = (view.end - view.start) * fraction;
  return { start: view.start + shift, end: view.end + shift };
}

/** A view of everything in [first, last], with a margin on both sides. */
export function fitting(first: number, last: number): Viewport {
  const span = Math.max(last - first, 3_600_000);
  return { start: first - span * 0.04, end: last + span * 0.04 };
}
