import type { SubjectEvent } from '../../consent/domain';
import type {
  ReadStoreTransaction,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import { insertRows } from '../../projections';
import type { StoredFact } from '../replay/stored-fact';

/** Subjects per `IN (…)` list: far below either driver's limit on bound parameters. */
const SUBJECTS_PER_QUERY = 500;

/**
 * One row per subject event, keyed by (tenant, subject, revision): appending a fact is one
 * insert, and a subject's facts are one range read of the key's index. Each projection that
 * needs the facts keeps its own table (named after it), so it can be dropped and rebuilt
 * alone. The key is a unique index rather than a primary key so that a bulk build can load
 * the rows first and index them once (`createTable`, then `createIndexes`).
 */
export class SubjectFactsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_facts`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.createTable(tx);
    await this.createIndexes(tx);
  }

  async createTable(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      category TEXT,
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      fact TEXT NOT NULL
    )`);
  }

  async createIndexes(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(
      `CREATE UNIQUE INDEX ${this.name}_key ON ${this.name} (tenant_id, subject_id, revision)`,
    );
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async insert(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    fact: StoredFact,
  ): Promise<void> {
    await insertRows(tx, this.name, FACT_COLUMNS, [factRow(tenantId, subjectId, fact)]);
  }

  /** Inserts many subjects' facts with a few multi-row statements. */
  async insertMany(
    tx: ReadStoreTransaction,
    facts: readonly { tenantId: string; subjectId: string; fact: StoredFact }[],
  ): Promise<void> {
    await insertRows(
      tx,
      this.name,
      FACT_COLUMNS,
      facts.map(({ tenantId, subjectId, fact }) => factRow(tenantId, subjectId, fact)),
    );
  }

  /** The subject's facts in revision order; empty for a subject the read model never saw. */
  async load(executor: SqlExecutor, tenantId: string, subjectId: string): Promise<StoredFact[]> {
    const rows = await executor.query(
      `SELECT revision, event_id, recorded_at, fact FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id = $2 ORDER BY revision`,
      [tenantId, subjectId],
    );
    return rows.map(toFact);
  }

  /** The facts of several subjects of one tenant, by subject; unknown subjects are absent. */
  async loadMany(
    executor: SqlExecutor,
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<Map<string, StoredFact[]>> {
    const facts = new Map<string, StoredFact[]>();
    const unique = [...new Set(subjectIds)];
    for (let offset = 0; offset < unique.length; offset += SUBJECTS_PER_QUERY) {
      const chunk = padded(unique.slice(offset, offset + SUBJECTS_PER_QUERY));
      const list = chunk.map((_, i) => `$${i + 2}`).join(', ');
      const rows = await executor.query(
        `SELECT subject_id, revision, event_id, recorded_at, fact FROM ${this.name}
         WHERE tenant_id = $1 AND subject_id IN (${list}) ORDER BY subject_id, revision`,
        [tenantId, ...chunk],
      );
      for (const row of rows) {
        const subjectId = asString(row.subject_id);
        const list = facts.get(subjectId) ?? [];
        list.push(toFact(row));
        facts.set(subjectId, list);
      }
    }
    return facts;
  }

  /**
   * Up to `limit` of the tenant's subjects after `after` (in text order, '' for the first),
   * with their facts: one range read of the key's index, for walking every subject in key
   * order. Resolves to the subjects in order.
   */
  async loadPage(
    executor: SqlExecutor,
    tenantId: string,
    after: string,
    limit: number,
  ): Promise<{ subjectId: string; facts: StoredFact[] }[]> {
    const [last] = await executor.query(
      `SELECT MAX(subject_id) AS last FROM (
         SELECT DISTINCT subject_id FROM ${this.name}
         WHERE tenant_id = $1 AND subject_id > $2 ORDER BY subject_id LIMIT $3
       ) AS page`,
      [tenantId, after, limit],
    );
    if (last?.last === null || last?.last === undefined) return [];
    const rows = await executor.query(
      `SELECT subject_id, revision, event_id, recorded_at, fact FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id > $2 AND subject_id <= $3
       ORDER BY subject_id, revision`,
      [tenantId, after, asString(last.last)],
    );
    const page: { subjectId: string; facts: StoredFact[] }[] = [];
    for (const row of rows) {
      const subjectId = asString(row.subject_id);
      if (page[page.length - 1]?.subjectId !== subjectId) page.push({ subjectId, facts: [] });
      page[page.length - 1]!.facts.push(toFact(row));
    }
    return page;
  }

  async has(executor: SqlExecutor, tenantId: string, subjectId: string): Promise<boolean> {
    const rows = await executor.query(
      `SELECT 1 AS found FROM ${this.name} WHERE tenant_id = $1 AND subject_id = $2 LIMIT 1`,
      [tenantId, subjectId],
    );
    return rows.length > 0;
  }

  /** Every subject of the tenant, sorted. */
  async subjects(executor: SqlExecutor, tenantId: string): Promise<string[]> {
    const rows = await executor.query(
      `SELECT DISTINCT subject_id FROM ${this.name} WHERE tenant_id = $1 ORDER BY subject_id`,
      [tenantId],
    );
    return rows.map((row) => asString(row.subject_id));
  }

  /** The tenant's subjects that ever granted one of `categories`, sorted. */
  async subjectsThatGranted(
    executor: SqlExecutor,
    tenantId: string,
    categories: readonly string[],
  ): Promise<string[]> {
    if (categories.length === 0) return [];
    const list = categories.map((_, i) => `$${i + 2}`).join(', ');
    const rows = await executor.query(
      `SELECT DISTINCT subject_id FROM ${this.name}
       WHERE tenant_id = $1 AND type = 'consent-granted' AND category IN (${list})
       ORDER BY subject_id`,
      [tenantId, ...categories],
    );
    return rows.map((row) => asString(row.subject_id));
  }
}

const FACT_COLUMNS = [
  'tenant_id',
  'subject_id',
  'revision',
  'event_id',
  'type',
  'category',
  'occurred_at',
  'recorded_at',
  'fact',
];

function factRow(tenantId: string, subjectId: string, fact: StoredFact): SqlValue[] {
  const { event } = fact;
  return [
    tenantId,
    subjectId,
    fact.revision,
    fact.eventId,
    event.type,
    'category' in event ? event.category : null,
    event.occurredAt,
    fact.recordedAt,
    JSON.stringify(event),
  ];
}

/**
 * The ids, repeated at the end up to the next of a few list lengths: a handful of SQL texts
 * (each prepared once) serve every batch; a repeated id in `IN (…)` changes nothing.
 */
function padded(ids: readonly string[]): string[] {
  const length = LIST_LENGTHS.find((n) => n >= ids.length) ?? ids.length;
  const list = [...ids];
  while (list.length < length) list.push(ids[ids.length - 1]!);
  return list;
}

const LIST_LENGTHS = [1, 8, 64, SUBJECTS_PER_QUERY];

function toFact(row: SqlRow): StoredFact {
  return {
    revision: asNumber(row.revision),
    eventId: asString(row.event_id),
    recordedAt: asString(row.recorded_at),
    event: JSON.parse(asString(row.fact)) as SubjectEvent,
  };
}
