import type { Permission } from '../../consent/domain';
import { inRange, overlapsRange } from '../../consent/domain';
import type { CombinationRecord } from '../replay/flow-window-records';

/**
 * Which windows to show: a combination part left out matches every value. `from` and `to`
 * are ISO-8601 instants of the fixed `…T…:…:….sssZ` form, which order as text: a window is
 * shown when it overlaps [from, to), a one-off flow when it lies in it.
 */
export interface FlowWindowFilter {
  readonly category?: string;
  readonly recipient?: string;
  readonly purpose?: string;
  readonly from?: string;
  readonly to?: string;
}

export function matchesCombination(filter: FlowWindowFilter, combination: Permission): boolean {
  return (
    (filter.category === undefined || filter.category === combination.category) &&
    (filter.recipient === undefined || filter.recipient === combination.recipient) &&
    (filter.purpose === undefined || filter.purpose === combination.purpose)
  );
}

/** The record with only the windows and one-off flows in the filter's time range. */
export function withinRange(
  record: CombinationRecord,
  filter: FlowWindowFilter,
): CombinationRecord {
  const { from, to } = filter;
  return {
    ...record,
    windows: record.windows.filter((window) => overlapsRange(window, from, to)),
    oneOffFlows: record.oneOffFlows.filter((flow) => inRange(flow.at, from, to)),
  };
}
