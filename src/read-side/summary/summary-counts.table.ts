import type { IsoInstant } from '../../shared/time/instant';
import type { ReadStoreTransaction, SqlExecutor, SqlValue } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import { insertRows } from '../../projections';
import type { CountDeltas, TenantDeltas } from './count-deltas';
import { columnsFromText, keyText, type CountKeyColumns } from './count-key';

const KEY_COLUMNS = ['metric', 'category', 'recipient', 'purpose', 'basis'] as const;
/** Key terms per DELETE of rows that reached zero: far below either driver's parameter limit. */
const ROWS_PER_DELETE = 100;

/** A count as read: its key and how many subjects it holds. */
interface StoredCount extends CountKeyColumns {
  readonly subjects: number;
}

/**
 * The per-tenant counts, kept so that reading them never scans subjects. Every count is a
 * step function of valid time, stored as changes (+n / −n at an instant). Per tenant a
 * watermark, the newest transaction time of its events, splits them: the changes at or
 * before it are summed into one row per key (`counts`), the later ones (a grant that
 * expires next year, a policy version that takes effect next month) stay apart (`changes`)
 * until an event recorded after them moves the watermark past them. The count at an
 * instant T at or after the watermark is the row plus the changes up to T: a handful of
 * rows. Everything derives from the events (the watermark too), so a rebuild gives the same
 * rows however the events are batched.
 */
export class SummaryCountsTable {
  readonly counts: string;
  readonly changes: string;
  readonly watermarks: string;

  constructor(projection: string) {
    this.counts = `${projection}_counts`;
    this.changes = `${projection}_count_changes`;
    this.watermarks = `${projection}_count_watermarks`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    const key = KEY_COLUMNS.map((column) => `${column} TEXT NOT NULL`).join(', ');
    await tx.execute(`CREATE TABLE ${this.counts} (
      tenant_id TEXT NOT NULL, ${key}, subjects INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, ${KEY_COLUMNS.join(', ')})
    )`);
    await tx.execute(`CREATE TABLE ${this.changes} (
      tenant_id TEXT NOT NULL, at TEXT NOT NULL, ${key}, change INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, at, ${KEY_COLUMNS.join(', ')})
    )`);
    await tx.execute(`CREATE TABLE ${this.watermarks} (
      tenant_id TEXT PRIMARY KEY, recorded_at TEXT NOT NULL
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    for (const table of [this.counts, this.changes, this.watermarks]) {
      await tx.execute(`DROP TABLE IF EXISTS ${table}`);
    }
  }

  /** Writes what `deltas` gathered, tenant by tenant, in a fixed order. */
  async write(tx: ReadStoreTransaction, deltas: CountDeltas): Promise<void> {
    const tenants = new Set([...deltas.byTenant.keys(), ...deltas.newestRecordedAt.keys()]);
    for (const tenantId of [...tenants].sort()) {
      const watermark = await this.advanceWatermark(
        tx,
        tenantId,
        deltas.newestRecordedAt.get(tenantId),
      );
      await this.writeTenant(tx, tenantId, watermark, deltas.byTenant.get(tenantId));
    }
  }

  /**
   * The counts of the tenant as of the later of `at` and its watermark, by key, with that
   * watermark (undefined before its first event). One statement, so one snapshot.
   */
  async read(
    executor: SqlExecutor,
    tenantId: string,
    at: IsoInstant,
  ): Promise<{ watermark?: IsoInstant; counts: StoredCount[] }> {
    const key = KEY_COLUMNS.join(', ');
    const rows = await executor.query(
      `SELECT ${key}, SUM(n) AS subjects FROM (
         SELECT ${key}, subjects AS n FROM ${this.counts} WHERE tenant_id = $1
         UNION ALL
         SELECT ${key}, change AS n FROM ${this.changes} WHERE tenant_id = $1 AND at <= $2
         UNION ALL
         SELECT '' AS metric, recorded_at AS category, '' AS recipient, '' AS purpose,
                '' AS basis, 0 AS n
         FROM ${this.watermarks} WHERE tenant_id = $1
       ) AS parts GROUP BY ${key}`,
      [tenantId, at],
    );
    let watermark: IsoInstant | undefined;
    const counts: StoredCount[] = [];
    for (const row of rows) {
      const metric = asString(row.metric);
      if (metric === '') {
        watermark = asString(row.category);
        continue;
      }
      counts.push({
        metric,
        category: asString(row.category),
        recipient: asString(row.recipient),
        purpose: asString(row.purpose),
        basis: asString(row.basis),
        subjects: asNumber(row.subjects),
      });
    }
    return watermark === undefined ? { counts } : { watermark, counts };
  }

  /**
   * Moves the watermark to `newest` if that is later, folding the changes it passes into
   * the counts. Resolves to the watermark now in force.
   */
  private async advanceWatermark(
    tx: ReadStoreTransaction,
    tenantId: string,
    newest: IsoInstant | undefined,
  ): Promise<IsoInstant | undefined> {
    const [row] = await tx.query(
      `SELECT recorded_at FROM ${this.watermarks} WHERE tenant_id = $1`,
      [tenantId],
    );
    const stored = row === undefined ? undefined : asString(row.recorded_at);
    if (newest === undefined || (stored !== undefined && newest <= stored)) return stored;
    const passed = await tx.query(
      `SELECT ${KEY_COLUMNS.join(', ')}, change FROM ${this.changes}
       WHERE tenant_id = $1 AND at <= $2`,
      [tenantId, newest],
    );
    if (passed.length > 0) {
      const sums = new Map<string, number>();
      for (const change of passed) {
        const text = keyText({
          metric: asString(change.metric),
          category: asString(change.category),
          recipient: asString(change.recipient),
          purpose: asString(change.purpose),
          basis: asString(change.basis),
        });
        sums.set(text, (sums.get(text) ?? 0) + asNumber(change.change));
      }
      await tx.execute(`DELETE FROM ${this.changes} WHERE tenant_id = $1 AND at <= $2`, [
        tenantId,
        newest,
      ]);
      await this.addToCounts(tx, tenantId, sums);
    }
    await tx.execute(
      `INSERT INTO ${this.watermarks} (tenant_id, recorded_at) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET recorded_at = excluded.recorded_at`,
      [tenantId, newest],
    );
    return newest;
  }

  private async writeTenant(
    tx: ReadStoreTransaction,
    tenantId: string,
    watermark: IsoInstant | undefined,
    deltas: TenantDeltas | undefined,
  ): Promise<void> {
    if (!deltas) return;
    const settled = new Map<string, number>();
    const pending: { text: string; at: IsoInstant; change: number }[] = [];
    for (const [text, changes] of deltas) {
      for (const [at, change] of changes) {
        if (watermark !== undefined && at <= watermark) {
          settled.set(text, (settled.get(text) ?? 0) + change);
        } else {
          pending.push({ text, at, change });
        }
      }
    }
    await this.addToCounts(tx, tenantId, settled);
    pending.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.text < b.text ? -1 : 1));
    await upsert(
      tx,
      this.changes,
      ['tenant_id', 'at', ...KEY_COLUMNS],
      'change',
      pending.map(({ text, at, change }) => [tenantId, at, ...keyValues(text), change]),
    );
  }

  private async addToCounts(
    tx: ReadStoreTransaction,
    tenantId: string,
    sums: ReadonlyMap<string, number>,
  ): Promise<void> {
    const rows = [...sums]
      .filter(([, change]) => change !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([text, change]) => [tenantId, ...keyValues(text), change]);
    await upsert(tx, this.counts, ['tenant_id', ...KEY_COLUMNS], 'subjects', rows);
  }
}

function keyValues(text: string): string[] {
  const columns = columnsFromText(text);
  return KEY_COLUMNS.map((column) => columns[column]);
}

/**
 * Adds each row's last value to the stored one (inserting it when absent), then deletes the
 * rows that reached zero, so that no row tells of changes that cancelled out.
 */
async function upsert(
  tx: ReadStoreTransaction,
  table: string,
  keyColumns: readonly string[],
  valueColumn: string,
  rows: readonly SqlValue[][],
): Promise<void> {
  const returned = await insertRows(
    tx,
    table,
    [...keyColumns, valueColumn],
    rows,
    `ON CONFLICT (${keyColumns.join(', ')})
     DO UPDATE SET ${valueColumn} = ${table}.${valueColumn} + excluded.${valueColumn}
     RETURNING ${keyColumns.join(', ')}, ${valueColumn}`,
  );
  // Rows that reached zero go in one statement per batch, not one each: every statement is
  // a round trip.
  const zeroed = returned.filter((row) => asNumber(row[valueColumn]) === 0);
  for (let offset = 0; offset < zeroed.length; offset += ROWS_PER_DELETE) {
    const params: SqlValue[] = [];
    const terms = zeroed.slice(offset, offset + ROWS_PER_DELETE).map((row) => {
      const term = keyColumns.map((c) => `${c} = $${params.push(asString(row[c]))}`);
      return `(${term.join(' AND ')})`;
    });
    await tx.execute(`DELETE FROM ${table} WHERE ${terms.join(' OR ')}`, params);
  }
}
