import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseManifest } from '../../src/backup/backup-manifest';
import { BACKUP_EXIT } from '../../src/cli/backup.command';
import { runRestoreCommand, type RestoreCommandOptions } from '../../src/cli/restore.command';
import { initialAdminKeyFile } from '../support/credentials';
import { capture, cli } from './support/cli';
import { Ledger, type Subject, writeContinuously } from './support/ledger';

/**
 * The same on PostgreSQL: the event, read and key stores in three schemas of their own on
 * the shared server, dumped with one `pg_dump` in one snapshot while the service writes, and
 * restored with `pg_restore` over them (refused, then allowed to roll back) and into an empty
 * database. Only this file's schemas are ever dropped.
 */
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tag = randomBytes(5).toString('hex');
const SCHEMAS = { events: `bk_events_${tag}`, read: `bk_read_${tag}`, keys: `bk_keys_${tag}` };
const work = mkdtempSync(join(tmpdir(), 'cl-backup-postgres-'));
const dataDir = join(work, 'data');
const backupDir = join(work, 'backup');
/** Schemas a restore moved aside (named in its output), dropped after the file if left over. */
const asideSeen = new Set<string>();

const env: Record<string, string> = {
  DATA_DIR: dataDir,
  INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
  LOG_LEVEL: 'silent',
  EVENT_STORE_URL: `${PG_URL}?schema=${SCHEMAS.events}`,
  READ_STORE_URL: `${PG_URL}?schema=${SCHEMAS.read}`,
  KEY_STORE_URL: `${PG_URL}?schema=${SCHEMAS.keys}`,
  CHECKPOINT_EVERY_EVENTS: '4',
  CHECKPOINT_EVERY_MS: '50',
};

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function existingSchemas(names: Iterable<string>): Promise<string[]> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname',
      [[...names]],
    );
    return rows.map((row) => row.nspname);
  });
}

async function eventCount(): Promise<number> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${SCHEMAS.events}".events`,
    );
    return rows[0]!.n;
  });
}

async function restore(options: Partial<RestoreCommandOptions>) {
  const output = capture();
  const code = await runRestoreCommand(
    backupDir,
    { force: false, allowRollback: false, checkpoint: [], ...options },
    output,
    env,
  );
  const out = output.out.join('\n');
  for (const match of out.matchAll(/aside as (restore_aside_[0-9a-f]+)/g)) asideSeen.add(match[1]!);
  return { code, out, err: output.err.join('\n') };
}

let ledger: Ledger | undefined;
let apiKey: string;
const before: Subject[] = [];
const after: Subject[] = [];
let published: { size: number; file: string };

beforeAll(async () => {
  ledger = await Ledger.start(env);
  apiKey = ledger.apiKey;
  for (let i = 0; i < 5; i++) before.push(await ledger.subject('before'));
  await ledger.signWholeLog();
}, 30_000);

afterAll(async () => {
  await ledger?.close();
  await withClient(async (client) => {
    for (const schema of [...Object.values(SCHEMAS), ...asideSeen]) {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });
  rmSync(work, { recursive: true, force: true });
});

describe('consent-ledger backup and restore on PostgreSQL', () => {
  it('dumps the three schemas in one snapshot while the service keeps writing', async () => {
    const load = writeContinuously(ledger!, 'during');
    const result = await cli(['backup', backupDir], env);
    const writtenAt = load.count();
    while (load.count() === writtenAt) await new Promise((r) => setTimeout(r, 10));
    await load.stop();

    expect(result).toMatchObject({ code: BACKUP_EXIT.ok, stderr: '' });
    expect(result.stdout).toMatch(
      /read-store \+ event-store \+ key-store: stores\/read-events-keys\.dump \(\d+ bytes, pg_dump \(PostgreSQL\) \d+/,
    );
    const manifest = parseManifest(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.steps).toEqual([
      expect.objectContaining({
        kind: 'postgres',
        roles: ['read-store', 'event-store', 'key-store'],
        schemas: [
          { role: 'read-store', schema: SCHEMAS.read },
          { role: 'event-store', schema: SCHEMAS.events },
          { role: 'key-store', schema: SCHEMAS.keys },
        ],
      }),
    ]);
    expect(BigInt(manifest.eventStore.head)).toBeGreaterThanOrEqual(before.at(-1)!.position);
    expect(manifest.checkpoints).toEqual([expect.objectContaining({ log: 'default' })]);
  }, 55_000);

  it('refuses to restore over a running service, and behind a checkpoint published since', async () => {
    for (let i = 0; i < 3; i++) after.push(await ledger!.subject('after'));
    await ledger!.signWholeLog();
    const note = await ledger!.checkpointNote();
    published = { size: Number(note.split('\n')[1]), file: join(work, 'published.checkpoint') };
    writeFileSync(published.file, note);

    try {
      const running = await restore({ force: true });
      expect(running.code).toBe(BACKUP_EXIT.failed);
      expect(running.err).toContain('stop every replica before restoring');
      expect(asideSeen.size).toBe(0);
    } finally {
      await ledger!.close();
      ledger = undefined;
    }
    const events = await eventCount();
    const refused = await restore({ force: true });
    expect(refused.code).toBe(BACKUP_EXIT.failed);
    expect(refused.err).toContain(
      `holds a checkpoint at size ${published.size}, the restored log has`,
    );
    expect(refused.err).toContain('pass --allow-rollback');
    // The current schemas are back in place, unchanged; the restored copies are gone.
    expect(asideSeen.size).toBeGreaterThan(0);
    expect(await existingSchemas(asideSeen)).toEqual([]);
    expect(await eventCount()).toBe(events);
  }, 40_000);

  it('restores over them with --allow-rollback, and the service works on the result', async () => {
    const result = await restore({ force: true, allowRollback: true });
    expect(result).toMatchObject({ code: BACKUP_EXIT.ok, err: '' });
    expect(result.out).toContain('WARNING: ROLLED BACK: the restored log default is OLDER');
    expect(await existingSchemas(asideSeen)).toEqual([]);

    const restored = await Ledger.start(env, apiKey);
    try {
      for (const subject of before) {
        expect((await restored.get(`/v1/subjects/${subject.subjectId}`)).json()).toMatchObject({
          email: subject.email,
        });
      }
      for (const subject of after) {
        expect((await restored.get(`/v1/subjects/${subject.subjectId}`)).statusCode).toBe(404);
      }
      await restored.subject('after-restore');
      await restored.signWholeLog();
      const verified = await restored.exportAndVerify(join(work, 'restored.ndjson'));
      expect(verified.report.at(-1)).toMatch(/^verified/);
      expect(verified.code).toBe(0);
    } finally {
      await restored.close();
    }
  }, 40_000);

  it("into an emptied database: refused by an auditor's checkpoint, restored without one", async () => {
    await withClient(async (client) => {
      for (const schema of Object.values(SCHEMAS))
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    });
    // KEYS_DIR still holds the old secrets, hence --force; no store says what was published.
    const refused = await restore({ force: true, checkpoint: [published.file] });
    expect(refused.code).toBe(BACKUP_EXIT.failed);
    expect(refused.err).toContain(
      `checkpoint file ${published.file} holds a checkpoint at size ${published.size}`,
    );
    expect(await existingSchemas(Object.values(SCHEMAS))).toEqual([]);

    const restored = await restore({ force: true });
    expect(restored).toMatchObject({ code: BACKUP_EXIT.ok, err: '' });
    expect(await existingSchemas(Object.values(SCHEMAS))).toEqual(Object.values(SCHEMAS).sort());
    const started = await Ledger.start(env, apiKey);
    try {
      expect((await started.get(`/v1/subjects/${before[0]!.subjectId}`)).json()).toMatchObject({
        email: before[0]!.email,
      });
    } finally {
      await started.close();
    }
  }, 40_000);
});
