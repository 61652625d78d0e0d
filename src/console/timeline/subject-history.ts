import { allPages, type ApiClient } from '../api-client';
import type {
  BundleEvent,
  CombinationWindows,
  Flow,
  FlowWindows,
  FlowsPage,
  PolicyVersion,
  ViolationsPage,
} from '../api-types';

/** A Local Data Mode period in valid time; `end` absent while it is still on. */
export interface LocalDataModePeriod {
  readonly start: string;
  readonly end?: string;
}

/** Everything the timeline draws for one subject, as the API answered it. */
export interface SubjectHistory {
  readonly subjectId: string;
  readonly combinations: readonly CombinationWindows[];
  readonly flows: readonly Flow[];
  readonly policies: readonly PolicyVersion[];
  /** The subject's events by id, from its export bundle: the evidence behind bars and marks. */
  readonly events: ReadonlyMap<string, BundleEvent>;
  readonly localDataMode: readonly LocalDataModePeriod[];
  /** Event ids of the subject's recorded flows that no window permits. */
  readonly violations: ReadonlySet<string>;
  /** When the bundle could not be read (e.g. too large): evidence and shading are missing. */
  readonly bundleProblem?: unknown;
}

const AUDITOR = ['auditor'];

export async function loadSubjectHistory(
  api: ApiClient,
  subjectId: string,
): Promise<SubjectHistory> {
  const subject = `/v1/subjects/${encodeURIComponent(subjectId)}`;
  const [windows, flowPages, policies, violations, bundle] = await Promise.all([
    api.json<FlowWindows>(`${subject}/flow-windows`, AUDITOR),
    allPages((cursor) =>
      api.json<FlowsPage>(`${subject}/flows?limit=500${cursorParameter(cursor)}`, AUDITOR),
    ),
    api.json<PolicyVersion[]>('/v1/policies', AUDITOR),
    subjectViolations(api, subjectId),
    api
      .text(
        `/v1/audit/exports?subjectId=${encodeURIComponent(subjectId)}`,
        AUDITOR,
        'application/x-ndjson',
      )
      .then(
        (text) => ({ events: bundleEvents(text, subjectId) }),
        (problem: unknown) => ({ events: [] as BundleEvent[], problem }),
      ),
  ]);
  return {
    subjectId,
    combinations: windows.combinations,
    flows: flowPages.flatMap((page) => page.flows),
    policies,
    events: new Map(bundle.events.map((event) => [event.id, event])),
    localDataMode: localDataModePeriods(bundle.events),
    violations: violations,
    ...('problem' in bundle ? { bundleProblem: bundle.problem } : {}),
  };
}

function cursorParameter(cursor: string | undefined): string {
  return cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
}

/** Violations are listed tenant-wide; the subject's are picked from the first pages. */
async function subjectViolations(api: ApiClient, subjectId: string): Promise<ReadonlySet<string>> {
  const pages = await allPages(
    (cursor) =>
      api.json<ViolationsPage>(`/v1/violations?limit=500${cursorParameter(cursor)}`, AUDITOR),
    4,
  );
  return new Set(
    pages.flatMap((page) =>
      page.violations.filter((v) => v.subjectId === subjectId).map((v) => v.eventId),
    ),
  );
}

interface BundleLine {
  readonly kind?: string;
  readonly event?: BundleEvent;
}

/** The subject's own events of an export bundle (it also holds the tenant's policy events). */
function bundleEvents(text: string, subjectId: string): BundleEvent[] {
  const events: BundleEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as BundleLine;
    if (parsed.kind === 'event' && parsed.event && parsed.event.data['subjectId'] === subjectId) {
      events.push(parsed.event);
    }
  }
  return events;
}

function occurredAt(event: BundleEvent): string {
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
      at: occurredAt(e),
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

/** Valid time of a bundle event, for the evidence panel. */
export function validTimeOf(event: BundleEvent): string {
  return occurredAt(event);
}
