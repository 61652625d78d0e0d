import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest } from '../../src/backup/backup-manifest';
import { BACKUP_EXIT, runBackupCommand } from '../../src/cli/backup.command';
import { runRestoreCommand, type RestoreCommandOptions } from '../../src/cli/restore.command';
import { initialAdminKeyFile } from '../support/credentials';
import { capture, cli } from './support/cli';
import { DEVICE_INFO, Ledger, type Subject, writeContinuously } from './support/ledger';

/**
 * `consent-ledger backup` of a service on the embedded SQLite stores while it writes, and
 * `consent-ledger restore` into a fresh data directory and over the original one: every
 * command acknowledged before the backup began comes back, personal fields still decrypt,
 * the whole log verifies offline, and a restore that would roll the log back behind a
 * checkpoint published after the backup is refused unless --allow-rollback.
 */
const work = mkdtempSync(join(tmpdir(), 'cl-backup-sqlite-'));
const dataDir = join(work, 'data');
const backupDir = join(work, 'backup');

function envFor(dir: string): Record<string, string> {
  return {
    DATA_DIR: dir,
    INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dir),
    LOG_LEVEL: 'silent',
    // Sign often, so checkpoints are published both before and after the backup.
    CHECKPOINT_EVERY_EVENTS: '4',
    CHECKPOINT_EVERY_MS: '50',
  };
}

const restoreOptions = (extra: Partial<RestoreCommandOptions> = {}): RestoreCommandOptions => ({
  force: false,
  allowRollback: false,
  checkpoint: [],
  ...extra,
});

async function restore(dir: string, options: RestoreCommandOptions, backup = backupDir) {
  const output = capture();
  const code = await runRestoreCommand(backup, options, output, envFor(dir));
  return { code, out: output.out.join('\n'), err: output.err.join('\n') };
}

/** Every file under `dir` with its SHA-256: what "left as it was" is checked against. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) {
      files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  }
  return files;
}

let ledger: Ledger | undefined;
let apiKey: string;
const before: Subject[] = [];
let during: Subject[] = [];
const after: Subject[] = [];

beforeAll(async () => {
  ledger = await Ledger.start(envFor(dataDir));
  apiKey = ledger.apiKey;
  for (let i = 0; i < 6; i++) before.push(await ledger.subject('before'));
  await ledger.signWholeLog();
}, 30_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('consent-ledger backup and restore on SQLite', () => {
  it('backs up online, in a separate process, while the service keeps writing', async () => {
    const load = writeContinuously(ledger!, 'during');
    const result = await cli(['backup', backupDir], envFor(dataDir));
    // At least one command is acknowledged after the backup finished, so writes overlapped it.
    const writtenAt = load.count();
    while (load.count() === writtenAt) await new Promise((r) => setTimeout(r, 10));
    during = await load.stop();

    expect(result).toMatchObject({ code: BACKUP_EXIT.ok, stderr: '' });
    expect(result.stdout).toContain('backup complete');
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    const manifest = parseManifest(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.steps.map((s) => s.roles)).toEqual([
      ['read-store'],
      ['event-store'],
      ['key-store'],
    ]);
    expect(manifest.files.map((f) => `${f.area}/${f.kind}`).sort()).toEqual(
      [
        'secrets/kek',
        'secrets/lookup-secret',
        'secrets/receipt-key',
        'secrets/signing-key',
        'stores/sqlite',
        'stores/sqlite',
        'stores/sqlite',
      ].sort(),
    );
    for (const file of manifest.files) {
      const path = join(backupDir, file.area, file.name);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(file.sha256);
    }
    // Everything acknowledged before the backup began is in the copied log, and the
    // checkpoint signed before it verified against the copied events.
    const lastBefore = before.at(-1)!.position;
    expect(BigInt(manifest.eventStore.head)).toBeGreaterThanOrEqual(lastBefore);
    expect(manifest.checkpoints).toEqual([expect.objectContaining({ log: 'default' })]);
    expect(manifest.logs.find((l) => l.log === 'default')!.size).toBeGreaterThanOrEqual(
      manifest.checkpoints[0]!.size,
    );
    // No personal value in plain text in anything the backup wrote.
    const everything = readdirSync(backupDir, { recursive: true })
      .map((name) => join(backupDir, name as string))
      .filter((path) => statSync(path).isFile())
      .map((path) => readFileSync(path).toString('latin1'))
      .join('\n');
    for (const subject of [...before, ...during]) expect(everything).not.toContain(subject.email);
  }, 55_000);

  it('refuses to restore while the service has the stores open', async () => {
    const result = await restore(dataDir, restoreOptions({ force: true }));
    expect(result.code).toBe(BACKUP_EXIT.failed);
    expect(result.err).toContain('is open in another process');
  });

  it('restores into a fresh data directory, and the service starts on it', async () => {
    const fresh = join(work, 'fresh');
    const result = await restore(fresh, restoreOptions());
    expect(result).toMatchObject({ code: BACKUP_EXIT.ok, err: '' });
    expect(result.out).toContain('restored: event store head');

    // The receipt key came back too: receipts signed before still verify (ADR 0043).
    const receiptKey = (dir: string) => readFileSync(join(dir, 'keys', 'receipt-signing.key'));
    expect(receiptKey(fresh).equals(receiptKey(dataDir))).toBe(true);
    const restored = await Ledger.start(envFor(fresh), apiKey);
    try {
      const head = await restored.head();
      for (const subject of before) {
        expect(subject.position).toBeLessThanOrEqual(head);
        const registration = await restored.get(`/v1/subjects/${subject.subjectId}`);
        expect(registration.statusCode).toBe(200);
        // The data key came back with the events that need it.
        expect(registration.json()).toMatchObject({ email: subject.email });
      }
      const subject = before[0]!;
      const check = await restored.send(`/v1/checks?consistencyToken=${head}`, {
        subjectId: subject.subjectId,
        ...DEVICE_INFO,
      });
      expect(check).toMatchObject({ permitted: true });
      const windows = await restored.get(
        `/v1/subjects/${subject.subjectId}/flow-windows?category=${DEVICE_INFO.category}&recipient=${DEVICE_INFO.recipient}&purpose=${DEVICE_INFO.purpose}`,
      );
      expect(windows.statusCode).toBe(200);
      expect(windows.json()).toMatchObject({ combinations: [{ windows: [expect.anything()] }] });
      // The restored service writes on, and its whole log verifies offline.
      await restored.subject('after-restore');
      await restored.signWholeLog();
      const verified = await restored.exportAndVerify(join(work, 'fresh.ndjson'));
      expect(verified.report.at(-1)).toMatch(/^verified/);
      expect(verified.code).toBe(0);
      expect(verified.events).toBe(Number(await restored.head()));
    } finally {
      await restored.close();
    }
  }, 40_000);

  it('refuses to replace stores that are not empty without --force', async () => {
    await ledger!.close();
    ledger = undefined;
    const result = await restore(dataDir, restoreOptions());
    expect(result.code).toBe(BACKUP_EXIT.failed);
    expect(result.err).toContain('the target is not empty');
    expect(result.err).toContain('EVENT_STORE_URL');
    expect(result.err).toContain('pass --force');
  });

  it('keeps the secrets apart with --secrets-dir, and restores only when given them', async () => {
    const separate = join(work, 'separate');
    const secrets = join(work, 'separate-secrets');
    const output = capture();
    expect(await runBackupCommand(separate, { secretsDir: secrets }, output, envFor(dataDir))).toBe(
      BACKUP_EXIT.ok,
    );
    expect(readdirSync(separate).sort()).toEqual(['manifest.json', 'stores']);
    expect(statSync(secrets).mode & 0o777).toBe(0o700);
    expect(readdirSync(secrets).sort()).toEqual(
      expect.arrayContaining(['checkpoint-signing.key', 'lookup-secret.key']),
    );

    const target = join(work, 'from-separate');
    const withoutSecrets = await restore(target, restoreOptions(), separate);
    expect(withoutSecrets.code).toBe(BACKUP_EXIT.failed);
    expect(withoutSecrets.err).toContain('pass the same --secrets-dir');
    const restored = await restore(target, restoreOptions({ secretsDir: secrets }), separate);
    expect(restored).toMatchObject({ code: BACKUP_EXIT.ok, err: '' });
  });

  it('refuses to finish a backup whose key store needs a KEK it could not copy, leaving nothing', async () => {
    // As after a rotation that ran during the copy: the key store wraps its keys under a KEK
    // the keys directory no longer holds.
    const copy = join(work, 'copy');
    cpSync(dataDir, copy, { recursive: true });
    for (const name of readdirSync(join(copy, 'keys'))) {
      if (name.startsWith('kek-')) rmSync(join(copy, 'keys', name));
    }
    const target = join(work, 'incomplete-backup');
    const output = capture();
    const code = await runBackupCommand(target, {}, output, envFor(copy));
    expect(code).toBe(BACKUP_EXIT.failed);
    expect(output.err.join('\n')).toMatch(
      /the copied key store wraps keys under kek-\d{6}-[0-9a-f]{8}, which .* no longer holds: a KEK rotation ran during the backup; run the backup again/,
    );
    expect(readdirSync(target)).toEqual([]);

    writeFileSync(join(target, 'something'), 'x');
    const again = await runBackupCommand(target, {}, capture(), envFor(copy));
    expect(again).toBe(BACKUP_EXIT.usage);
  });

  let published: { size: number; file: string };

  it('refuses to roll the log back behind a checkpoint published after the backup', async () => {
    ledger = await Ledger.start(envFor(dataDir), apiKey);
    for (let i = 0; i < 3; i++) after.push(await ledger.subject('after'));
    await ledger.signWholeLog();
    const note = await ledger.checkpointNote();
    published = { size: Number(note.split('\n')[1]), file: join(work, 'published.checkpoint') };
    writeFileSync(published.file, note);
    await ledger.close();
    ledger = undefined;
    const manifest = parseManifest(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    const backedUp = manifest.logs.find((l) => l.log === 'default')!.size;
    expect(published.size).toBeGreaterThan(backedUp);

    const untouched = fingerprint(dataDir);
    const refused = await restore(dataDir, restoreOptions({ force: true }));
    expect(refused.code).toBe(BACKUP_EXIT.failed);
    expect(refused.err).toContain('restore refused');
    expect(refused.err).toContain(
      `holds a checkpoint at size ${published.size}, the restored log has ${backedUp} leaves (${published.size - backedUp} fewer)`,
    );
    expect(refused.err).toContain('pass --allow-rollback');
    expect(fingerprint(dataDir)).toEqual(untouched);

    // An auditor's copy of the checkpoint stops a restore into an empty directory as well.
    const elsewhere = join(work, 'elsewhere');
    const byFile = await restore(elsewhere, restoreOptions({ checkpoint: [published.file] }));
    expect(byFile.code).toBe(BACKUP_EXIT.failed);
    expect(byFile.err).toContain(
      `checkpoint file ${published.file} holds a checkpoint at size ${published.size}`,
    );
    expect(existsSync(join(elsewhere, 'events.sqlite'))).toBe(false);
    expect(readdirSync(elsewhere).filter((name) => name.includes('.restore-'))).toEqual([]);
  });

  it('restores anyway with --allow-rollback, saying loudly what is lost', async () => {
    const result = await restore(dataDir, restoreOptions({ force: true, allowRollback: true }));
    expect(result).toMatchObject({ code: BACKUP_EXIT.ok, err: '' });
    expect(result.out).toContain(`WARNING: ROLLED BACK: the restored log default is OLDER`);
    expect(result.out).toContain(`at size ${published.size}`);
    expect(result.out).toMatch(/the current event store holds \d+ events beyond the backup/);

    ledger = await Ledger.start(envFor(dataDir), apiKey);
    for (const subject of before) {
      expect((await ledger.get(`/v1/subjects/${subject.subjectId}`)).json()).toMatchObject({
        email: subject.email,
      });
    }
    for (const subject of after) {
      expect((await ledger.get(`/v1/subjects/${subject.subjectId}`)).statusCode).toBe(404);
    }
  }, 30_000);

  it('refuses a backup whose files were changed, before touching anything', async () => {
    const tampered = join(work, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const events = join(tampered, 'stores', 'events.sqlite');
    const bytes = readFileSync(events);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0x01, bytes.length - 100);
    writeFileSync(events, bytes);
    const target = join(work, 'target-of-tampered');
    const result = await restore(target, restoreOptions(), tampered);
    expect(result.code).toBe(BACKUP_EXIT.failed);
    expect(result.err).toContain(`${events} does not match the manifest`);
    expect(existsSync(target)).toBe(false);

    rmSync(join(tampered, 'manifest.json'));
    expect((await restore(target, restoreOptions(), tampered)).code).toBe(BACKUP_EXIT.usage);
  });
});
