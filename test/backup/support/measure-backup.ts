/**
 * Measures `backup` and `restore` of the embedded SQLite stores holding N events (default
 * 200,000): a service is started once to create every store, then filler events (~300 bytes,
 * in the default tenant's log) are appended straight to the event store, and the backup and
 * a restore into a fresh directory are timed in this process.
 *
 *   node -r ./test/support/register-ts.js test/backup/support/measure-backup.ts 200000
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runBackup } from '../../../src/backup/run-backup';
import { runRestore } from '../../../src/backup/run-restore';
import { createApp } from '../../../src/bootstrap/create-app';
import { loadConfig } from '../../../src/config/load-config';
import { openSqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200_000);
  const work = mkdtempSync(join(tmpdir(), 'cl-measure-backup-'));
  try {
    const env = (dir: string) => ({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      INITIAL_ADMIN_KEY_FILE: join(dir, 'admin.key'),
    });
    const source = loadConfig(env(join(work, 'data')));
    const app = await createApp(source, {
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
    });
    await app.close();
    const store = await openSqliteEventStore({ path: source.eventStore.url });
    const batch = 500;
    for (let done = 0; done < count; done += batch) {
      const stream = `filler-${done / batch}`;
      await store.append(
        stream,
        Array.from({ length: Math.min(batch, count - done) }, (_, i) => ({
          id: randomUUID(),
          type: 'measurement-filler',
          data: { tenantId: 'default', n: done + i, note: 'x'.repeat(200) },
          metadata: { tenantId: 'default' },
        })),
        'no_stream',
      );
    }
    await store.close();
    const bytes = statSync(source.eventStore.url).size;

    let started = process.hrtime.bigint();
    const { manifest } = await runBackup(source, { dir: join(work, 'backup') });
    const backupMs = Number(process.hrtime.bigint() - started) / 1e6;

    started = process.hrtime.bigint();
    await runRestore(
      loadConfig(env(join(work, 'restored'))),
      { dir: join(work, 'backup'), force: false, allowRollback: false, checkpointFiles: [] },
      () => undefined,
    );
    const restoreMs = Number(process.hrtime.bigint() - started) / 1e6;
    const events = manifest.eventStore.events;
    console.log(
      `${events} events, events.sqlite ${(bytes / 2 ** 20).toFixed(1)} MiB: backup ${(backupMs / 1000).toFixed(1)} s (${Math.round(events / (backupMs / 1000))} events/s), restore ${(restoreMs / 1000).toFixed(1)} s (${Math.round(events / (restoreMs / 1000))} events/s)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
