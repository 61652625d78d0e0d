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
import { localDataModePeriods, type LocalDataModePeriod } from './local-data-mode';

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
