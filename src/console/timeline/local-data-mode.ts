import type { BundleEvent } from '../api-types';

/** A Local Data Mode period in valid time; `end` absent while it is still on. */
export interface LocalDataModePeriod {
  readonly start: string;
  readonly end?: string;
}

/** Valid time of a bundle event (its `occurredAt`), or when it was recorded if it has none. */
export function validTimeOf(event: BundleEvent): string {
  const value = event.data['occurredAt'];
  return typeof value === 'string' ? value : event.recordedAt;
}

/**
 * Local Data Mode periods in valid time: the switches ordered by when they happened (an
 * import may record one late), each "on" running to the next "off".
 */
export function localDataModePeriods(events: readonly BundleEvent[]): LocalDataModePeriod[] {
  const switches = events
    .filter(
      (e) => e.type === 'local-data-mode-switched-on' || e.type === 'local-data-mode-switched-off',
    )
    .map((e) => ({
      on: e.type === 'local-data-mode-switched-on',
      at: validTimeOf(e),
      revision: e.streamRevision,
    }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.revision - b.revision);
  const periods: LocalDataModePeriod[] = [];
  let since: string | undefined;
  for (const change of switches) {
    if (change.on && since === undefined) since = change.at;
    else if (!change.on && since !== undefined) {
      periods.push({ start: since, end: change.at });
      since = undefined;
    }
  }
  if (since !== undefined) periods.push({ start: since });
  return periods;
}
