import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { Projector } from '../../src/projections/projector';
import { asNumber, asString } from '../../src/read-store/sql-value';
import { openSqliteReadStore } from '../../src/read-store/sqlite/sqlite-read-store';
import {
  CONSENT_STATE,
  ConsentStateProjection,
} from '../../src/read-side/projections/consent-state.projection';
import { PermissionChecker } from '../../src/read-side/queries/check-permission/permission-checker';
import { GRANTED } from './subject-history';

const MIB = 2 ** 20;

export interface RssFigures {
  readonly subjects: number;
  readonly events: number;
  readonly rebuildSeconds: number;
  readonly checks: number;
  /** Resident set size before the stores were opened: the process without the state. */
  readonly baselineRssMiB: number;
  /** Resident set size once the state is rebuilt and checks have read it. */
  readonly rssMiB: number;
  /** The most this process ever held resident (getrusage's ru_maxrss). */
  readonly peakRssMiB: number;
  readonly heapUsedMiB: number;
}

/**
 * Memory of a process holding every subject's consent state: it rebuilds `consent_state`
 * from the log, then answers `checks` checks about random subjects from it, and reports
 * its resident set size. The state lives in the read store, so this is what a service
 * process holds for it: SQLite's page caches, not one object per subject.
 */
export async function measureRss(
  eventsPath: string,
  readPath: string,
  tenantId: string,
  checks: number,
): Promise<RssFigures> {
  const baselineRssMiB = round(process.memoryUsage().rss / MIB);
  const eventStore = await openSqliteEventStore({ path: eventsPath });
  const readStore = await openSqliteReadStore({ path: readPath });
  try {
    let events = 0;
    const projector = new Projector({
      eventStore,
      readStore,
      projections: [new ConsentStateProjection()],
      settings: { onProgress: (_name, _position, applied) => (events += applied) },
    });
    const started = process.hrtime.bigint();
    await projector.rebuild(CONSENT_STATE);
    const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const [counted] = await readStore.query(
      `SELECT count(*) AS subjects FROM ${CONSENT_STATE}_facts WHERE revision = 0`,
    );
    const sample = await readStore.query(
      `SELECT subject_id FROM ${CONSENT_STATE}_facts WHERE revision = 0 ORDER BY random() LIMIT $1`,
      [checks],
    );
    const checker = new PermissionChecker(readStore);
    const now = Date.now();
    for (const row of sample) {
      await checker.check(tenantId, [{ subjectId: asString(row.subject_id), ...GRANTED, at: now }]);
    }
    const memory = process.memoryUsage();
    return {
      subjects: asNumber(counted?.subjects),
      events,
      rebuildSeconds,
      checks: sample.length,
      baselineRssMiB,
      rssMiB: round(memory.rss / MIB),
      peakRssMiB: round((process.resourceUsage().maxRSS * 1024) / MIB),
      heapUsedMiB: round(memory.heapUsed / MIB),
    };
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
