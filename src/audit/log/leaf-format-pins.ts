import type { ReadStoreTransaction, SqlExecutor } from '../../read-store/read-store.port';
import { asNumber, asString, takeTurn } from '../../read-store';
import { CREATE_CHECKPOINT_TABLE } from '../checkpoints/checkpoint-table';

/**
 * Where each tenant log starts chaining (docs/adr/0041): leaves below `chained_from` are
 * format 1, as the log had them before chaining; leaves from it on are format 2. Like the
 * signed checkpoints, the pins are not the projection's: a rebuild must find them as they
 * were, or it would chain leaves the signed checkpoints hold as format 1.
 */
export const LEAF_FORMAT_PINS = 'audit_leaf_format_pins';

export const CREATE_LEAF_FORMAT_PINS = `CREATE TABLE IF NOT EXISTS ${LEAF_FORMAT_PINS} (
  tenant TEXT PRIMARY KEY,
  chained_from BIGINT NOT NULL
)`;

/** Logs that have no pin yet and leaves already: only the unchained projection makes them. */
export class UnpinnedLogError extends Error {
  override readonly name = 'UnpinnedLogError';
  constructor(
    readonly tenant: string,
    readonly size: number,
  ) {
    super(
      `the audit log ${tenant} holds ${size} leaves but no leaf-format pin: ${LEAF_FORMAT_PINS} was lost; restore it (or the read store) before the log grows`,
    );
  }
}

/**
 * Pins every log the tables hold that has no pin yet — a log the unchained projection
 * (version 1) built — at the larger of its size and its latest signed checkpoint's, so that
 * every leaf it ever had (and any signed checkpoint covers) stays format 1. Runs before the
 * tables are dropped; a log chained from its start was pinned at 0 when it began, so a
 * rebuild of the chained projection pins nothing new.
 */
export async function pinUnchainedLogs(tx: ReadStoreTransaction): Promise<void> {
  await tx.execute(CREATE_LEAF_FORMAT_PINS);
  // A store that never had the tables gets them empty, so the reads below need no dialect.
  await tx.execute(
    'CREATE TABLE IF NOT EXISTS audit_log_trees (tenant TEXT PRIMARY KEY, size BIGINT NOT NULL)',
  );
  await takeTurn(tx, 'audit-checkpoints-table');
  await tx.execute(CREATE_CHECKPOINT_TABLE);
  const pinned = await readPins(tx);
  const reach = new Map<string, number>();
  const grow = (tenant: string, size: number) =>
    reach.set(tenant, Math.max(size, reach.get(tenant) ?? 0));
  for (const row of await tx.query('SELECT tenant, size FROM audit_log_trees')) {
    grow(asString(row.tenant), asNumber(row.size));
  }
  for (const row of await tx.query(
    'SELECT tenant, MAX(size) AS size FROM audit_checkpoints GROUP BY tenant',
  )) {
    grow(asString(row.tenant), asNumber(row.size));
  }
  for (const [tenant, size] of reach) {
    if (pinned.has(tenant)) continue;
    await tx.execute(`INSERT INTO ${LEAF_FORMAT_PINS} (tenant, chained_from) VALUES ($1, $2)`, [
      tenant,
      size,
    ]);
  }
}

/** The pins of `tenants` (of every log when omitted). */
export async function readPins(
  sql: SqlExecutor,
  tenants?: readonly string[],
): Promise<Map<string, number>> {
  const pins = new Map<string, number>();
  const select = `SELECT tenant, chained_from FROM ${LEAF_FORMAT_PINS}`;
  if (tenants === undefined) {
    for (const row of await sql.query(select)) {
      pins.set(asString(row.tenant), asNumber(row.chained_from));
    }
    return pins;
  }
  for (let offset = 0; offset < tenants.length; offset += PER_QUERY) {
    const chunk = tenants.slice(offset, offset + PER_QUERY);
    const list = chunk.map((_, i) => `$${i + 1}`).join(', ');
    for (const row of await sql.query(`${select} WHERE tenant IN (${list})`, chunk)) {
      pins.set(asString(row.tenant), asNumber(row.chained_from));
    }
  }
  return pins;
}

/**
 * The pin of each of `sizes`' logs: the stored one, or 0 for a log that has no leaf yet (it
 * is chained from its start; `added` lists it, to be stored with its first leaf).
 */
export function pinsOf(
  sizes: ReadonlyMap<string, number>,
  stored: ReadonlyMap<string, number>,
): { pins: Map<string, number>; added: string[] } {
  const pins = new Map<string, number>();
  const added: string[] = [];
  for (const [tenant, size] of sizes) {
    const pin = stored.get(tenant);
    if (pin !== undefined) pins.set(tenant, pin);
    else if (size === 0) {
      pins.set(tenant, 0);
      added.push(tenant);
    } else throw new UnpinnedLogError(tenant, size);
  }
  return { pins, added };
}

const PER_QUERY = 500;
