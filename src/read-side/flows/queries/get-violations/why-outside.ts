import { inRange } from '../../../../consent/domain';
import { toMillis } from '../../../../shared/time/instant';
import type { FlowWindowRecord } from '../../../replay/flow-window-records';

/** Why a recorded flow breaks the windows of its combination. */
export type WhyOutside =
  /** The combination never had a window: nothing ever permitted this flow to flow. */
  | { readonly reason: 'no-window' }
  /** It had windows, none holding the flow's instant; the nearest one in time is named. */
  | {
      readonly reason: 'outside-windows';
      readonly closestWindow: FlowWindowRecord;
      /** Whether the flow lies before that window opened or at or after it closed. */
      readonly flowIs: 'before-window' | 'after-window';
      /** How far from the window's edge, in milliseconds (0: at the instant it closed). */
      readonly distanceMs: number;
    };

/**
 * Why a flow at `at` (ISO-8601 valid time) lies outside every window in `windows`, or
 * undefined when one holds it after all (windows are half-open: [start, end)). Of two
 * windows equally near, the earlier is named.
 */
export function whyOutside(
  at: string,
  windows: readonly FlowWindowRecord[],
): WhyOutside | undefined {
  if (windows.length === 0) return { reason: 'no-window' };
  const instant = toMillis(at);
  let nearest: Extract<WhyOutside, { reason: 'outside-windows' }> | undefined;
  for (const window of windows) {
    const start = toMillis(window.start);
    const end = window.end === undefined ? undefined : toMillis(window.end);
    if (inRange(instant, start, end)) return undefined;
    const candidate =
      instant < start
        ? { flowIs: 'before-window' as const, distanceMs: start - instant }
        : { flowIs: 'after-window' as const, distanceMs: instant - end! };
    if (nearest === undefined || candidate.distanceMs < nearest.distanceMs) {
      nearest = { reason: 'outside-windows', closestWindow: window, ...candidate };
    }
  }
  return nearest;
}
