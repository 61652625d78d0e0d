import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import { BackupIntegrityError } from './backup.errors';
import type { ManifestStep } from './backup-manifest';
import { type CopiedFacts, gatherFacts } from './copied-facts';
import type { OpenedBackup } from './open-backup';
import { schemaExists } from './postgres-copy';
import { PostgresSource } from './postgres-source';
import { findPostgresTool, runPostgresTool, serverMajor, toolConnection } from './postgres-tools';
import { copyWithDigest } from './private-files';
import { openSqliteSource } from './sqlite-source';
import type { PostgresStep, SqliteStep, StoreStep } from './store-layout';

/** Restored stores that are checked but not yet in place (SQLite) or not yet final (PostgreSQL). */
export interface StagedStore {
  /** Puts the restored store in place for good. */
  commit(): Promise<void>;
  /** Leaves the target exactly as it was before the restore. */
  abort(): Promise<void>;
}

interface StageInput {
  readonly backup: OpenedBackup;
  readonly copy: ManifestStep;
  readonly facts: CopiedFacts;
  /** Sizes whose roots must be known, per log: the published checkpoints. */
  readonly sizes: ReadonlyMap<string, ReadonlySet<number>>;
  readonly pgBin: string | undefined;
  readonly line: (text: string) => void;
}

export function stageStore(target: StoreStep, input: StageInput): Promise<StagedStore> {
  return target.kind === 'sqlite' ? stageSqlite(target, input) : stagePostgres(target, input);
}

/**
 * Copies the backup's file next to the target (same file system, so the final rename is
 * atomic) and reads the copy; the target file is not touched until `commit`.
 */
async function stageSqlite(target: SqliteStep, input: StageInput): Promise<StagedStore> {
  const file = input.backup.manifest.files.find(
    (f) => f.area === 'stores' && f.name === input.copy.file,
  )!;
  const staged = join(
    dirname(target.path),
    `.${basename(target.path)}.restore-${randomBytes(6).toString('hex')}`,
  );
  const discard = () => rmSync(staged, { force: true });
  mkdirSync(dirname(target.path), { recursive: true });
  try {
    const digest = await copyWithDigest(input.backup.pathOf(file), staged);
    if (digest.sha256 !== file.sha256) {
      throw new BackupIntegrityError(
        `${input.backup.pathOf(file)} changed while it was being restored`,
      );
    }
    const source = openSqliteSource(staged, { readOnly: true });
    try {
      for (const role of target.roles) await gatherFacts(role, source, input.facts, input.sizes);
    } finally {
      source.close();
    }
  } catch (error) {
    discard();
    throw error;
  }
  return {
    commit: () => {
      // A WAL or shared-memory file left by the old database would be replayed into the new one.
      for (const suffix of ['-wal', '-shm', '-journal'])
        rmSync(`${target.path}${suffix}`, { force: true });
      renameSync(staged, target.path);
      syncDirectory(dirname(target.path));
      return Promise.resolve();
    },
    abort: () => {
      discard();
      return Promise.resolve();
    },
  };
}

/**
 * Moves the target's schemas aside (a rename: instant, transactional), restores the dump
 * with one `pg_restore --single-transaction` and reads the restored schemas. `commit` drops
 * the old schemas; `abort` drops the restored ones and renames the old ones back.
 */
async function stagePostgres(target: PostgresStep, input: StageInput): Promise<StagedStore> {
  const file = input.backup.manifest.files.find(
    (f) => f.area === 'stores' && f.name === input.copy.file,
  )!;
  const client = new Client({ connectionString: target.connectionString });
  client.on('error', () => undefined);
  await client.connect();
  const schemas = [...new Set(target.schemas.map((s) => s.schema))];
  const aside = new Map<string, string>();
  // Set only once the old schemas are out of the way: before that, the names are theirs.
  let restoring = false;
  const restoreAside = async () => {
    if (restoring) {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    for (const [schema, moved] of aside) {
      await client.query(`ALTER SCHEMA "${moved}" RENAME TO "${schema}"`);
    }
  };
  try {
    const server = await serverMajor(client);
    const pgRestore = await findPostgresTool('pg_restore', server.major, input.pgBin);
    const renames = new Map<string, string>();
    for (const schema of schemas) {
      if (await schemaExists(client, schema)) {
        renames.set(schema, `restore_aside_${randomBytes(6).toString('hex')}`);
      }
    }
    await client.query('BEGIN');
    try {
      for (const [schema, moved] of renames) {
        await client.query(`ALTER SCHEMA "${schema}" RENAME TO "${moved}"`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const [schema, moved] of renames) aside.set(schema, moved);
    restoring = true;
    for (const [schema, moved] of aside) {
      input.line(
        `moved the current schema ${schema} aside as ${moved} until the restore is checked`,
      );
    }
    const connection = toolConnection(target.connectionString);
    await runPostgresTool(
      pgRestore,
      [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-password',
        `--dbname=${connection.dbname}`,
        input.backup.pathOf(file),
      ],
      connection.env,
    );
    for (const { role, schema } of target.schemas) {
      await gatherFacts(role, new PostgresSource(client, schema), input.facts, input.sizes);
    }
  } catch (error) {
    try {
      await restoreAside();
    } finally {
      await client.end().catch(() => undefined);
    }
    throw error;
  }
  return {
    commit: async () => {
      try {
        for (const moved of aside.values()) await client.query(`DROP SCHEMA "${moved}" CASCADE`);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    abort: async () => {
      try {
        await restoreAside();
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

function syncDirectory(dir: string): void {
  if (!existsSync(dir)) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
