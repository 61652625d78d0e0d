import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import type { AppConfig } from '../config';
import { kekIdOfFile, LOOKUP_SECRET_FILE } from '../keys';
import { asNumber, asString } from '../read-store';
import { BackupError } from './backup.errors';
import type { KnownCheckpoint } from './log-checks';
import { PostgresSource } from './postgres-source';
import { SqliteSource } from './sqlite-source';
import { auditLogSizes, eventHead, latestSignedCheckpoints } from './store-facts';
import {
  type PostgresStep,
  settingOf,
  type SqliteStep,
  type StoreRole,
  type StoreStep,
} from './store-layout';
import type { StoreSource } from './store-source';

/** What the configured stores hold now, before a restore replaces them. */
export interface TargetState {
  /** What is not empty, for messages (settings and paths or schemas; never a URL). */
  readonly nonEmpty: string[];
  /** The latest checkpoint of each log in the current read store: published, so binding. */
  readonly checkpoints: KnownCheckpoint[];
  /** The current event log's last position, when there is one. */
  head: bigint | undefined;
  /** Each log's size in the current audit-log projection. */
  logSizes: Map<string, number>;
  /** KEK files in KEYS_DIR now. */
  readonly kekFiles: string[];
}

const SQLITE_BUSY = 5;
/**
 * The lease names of CheckpointSignerService and ProjectionRunner, repeated here so that the
 * restore command loads no NestJS; the PostgreSQL restore test starts a service and fails if
 * they drift.
 */
const SIGNER_LEASE = 'audit-checkpoint-signer';

/**
 * Inspects every configured store without changing it. A store another process has open
 * (the service, on SQLite; a replica holding a projection lease, on PostgreSQL) stops the
 * restore: it must run with the service stopped everywhere.
 */
export async function inspectTarget(
  config: AppConfig,
  steps: readonly StoreStep[],
): Promise<TargetState> {
  const state: TargetState = {
    nonEmpty: [],
    checkpoints: [],
    head: undefined,
    logSizes: new Map(),
    kekFiles: [],
  };
  for (const step of steps) {
    if (step.kind === 'sqlite') await inspectSqlite(step, state);
    else await inspectPostgres(step, state);
  }
  if (existsSync(config.keys.dir)) {
    state.kekFiles.push(
      ...readdirSync(config.keys.dir).filter((name) => kekIdOfFile(name) !== undefined),
    );
    if (state.kekFiles.length > 0)
      state.nonEmpty.push(`KEYS_DIR ${config.keys.dir} (${state.kekFiles.length} KEK files)`);
    else if (existsSync(join(config.keys.dir, LOOKUP_SECRET_FILE)))
      state.nonEmpty.push(`KEYS_DIR ${config.keys.dir} (lookup secret)`);
  }
  if (existsSync(config.audit.signingKey.file)) {
    state.nonEmpty.push(`CHECKPOINT_SIGNING_KEY_FILE ${config.audit.signingKey.file}`);
  }
  return state;
}

async function inspectSqlite(step: SqliteStep, state: TargetState): Promise<void> {
  const size = existsSync(step.path) ? statSync(step.path).size : 0;
  if (size === 0 && !existsSync(`${step.path}-wal`)) return;
  const db = new DatabaseSync(step.path);
  try {
    db.exec('PRAGMA busy_timeout = 0');
    // In exclusive locking mode the transaction needs the file's exclusive lock, which any
    // other open connection (even an idle one in WAL mode) keeps it from getting.
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if (((error as { errcode?: number }).errcode ?? 0) % 256 === SQLITE_BUSY) {
        throw new BackupError(
          `${step.path} (${settingOf(step.roles[0]!)}) is open in another process: stop the service (and every consent-ledger command using it) before restoring`,
        );
      }
      throw error;
    }
    state.nonEmpty.push(...step.roles.map((role) => `${settingOf(role)} ${step.path}`));
    await readCurrent(step.roles, new SqliteSource(db), state, step.path);
  } finally {
    if (db.isOpen) db.close();
  }
}

async function inspectPostgres(step: PostgresStep, state: TargetState): Promise<void> {
  const client = new Client({ connectionString: step.connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const { role, schema } of step.schemas) {
      const { rows } = await client.query(
        'SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      if ((rows[0] as { tables: number }).tables === 0) continue;
      state.nonEmpty.push(`${settingOf(role)} schema ${schema}`);
      const source = new PostgresSource(client, schema);
      if (role === 'read-store') await assertNoLeaseHeld(client, source, schema);
      await readCurrent([role], source, state, `schema ${schema}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Every running replica holds the checkpoint signer's lease or waits for it, and the one
 * that signs holds the projections' writer leases too: session advisory locks keyed by
 * `<schema>:<lease>` (PostgresWriterLeases). A lease we cannot take means a replica runs.
 */
async function assertNoLeaseHeld(
  client: Client,
  source: StoreSource,
  schema: string,
): Promise<void> {
  const leases = [SIGNER_LEASE];
  if (await source.hasTable('projection_checkpoints')) {
    const rows = await source.query(
      `SELECT name, version FROM ${source.table('projection_checkpoints')}`,
    );
    for (const row of rows)
      leases.push(`projection:${asString(row.name)}:v${asNumber(row.version)}`);
  }
  for (const lease of leases) {
    const key = `${schema}:${lease}`;
    const { rows } = await client.query<{ granted: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS granted',
      [key],
    );
    if (rows[0]?.granted !== true) {
      throw new BackupError(
        `a service process is running on the read-store schema ${schema} (it holds the ${lease} lease): stop every replica before restoring`,
      );
    }
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }
}

async function readCurrent(
  roles: readonly StoreRole[],
  source: StoreSource,
  state: TargetState,
  where: string,
): Promise<void> {
  try {
    for (const role of roles) {
      if (role === 'read-store') {
        for (const checkpoint of await latestSignedCheckpoints(source)) {
          state.checkpoints.push({ ...checkpoint, source: `the current read store (${where})` });
        }
        state.logSizes = await auditLogSizes(source);
      }
      if (role === 'event-store') state.head = await eventHead(source);
    }
  } catch (error) {
    throw new BackupError(
      `cannot read ${where}, which the restore would replace, to learn which checkpoints it published (${(error as Error).message}): move it out of the way, then restore with the checkpoints you know (--checkpoint)`,
    );
  }
}
