import type { CombinationWindows, Flow } from '../api-types';
import { laneKeyOf } from '../format';

/** One row of the timeline: a category heading, or the lane of one combination. */
export type Row =
  | { readonly kind: 'category'; readonly category: string; readonly y: number }
  | {
      readonly kind: 'lane';
      readonly key: string;
      readonly combination: CombinationWindows;
      readonly flows: readonly Flow[];
      readonly y: number;
    };

export const CATEGORY_ROW_HEIGHT = 22;
export const LANE_HEIGHT = 26;

/** Lanes grouped by category, in key order, each with the flows recorded or refused on it. */
export function rowsOf(
  combinations: readonly CombinationWindows[],
  flows: readonly Flow[],
  top: number,
): Row[] {
  const flowsByLane = new Map<string, Flow[]>();
  for (const flow of flows) {
    const key = laneKeyOf(flow);
    flowsByLane.set(key, [...(flowsByLane.get(key) ?? []), flow]);
  }
  const sorted = [...combinations].sort((a, b) => laneKeyOf(a).localeCompare(laneKeyOf(b)));
  const rows: Row[] = [];
  let y = top;
  let category: string | undefined;
  for (const combination of sorted) {
    if (combination.category !== category) {
      category = combination.category;
      rows.push({ kind: 'category', category, y });
      y += CATEGORY_ROW_HEIGHT;
    }
    const key = laneKeyOf(combination);
    rows.push({ kind: 'lane', key, combination, flows: flowsByLane.get(key) ?? [], y });
    y += LANE_HEIGHT;
  }
  return rows;
}

export function heightOf(rows: readonly Row[], top: number): number {
  const last = rows[rows.length - 1];
  if (!last) return top;
  return last.y + (last.kind === 'lane' ? LANE_HEIGHT : CATEGORY_ROW_HEIGHT);
}
