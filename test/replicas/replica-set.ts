import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { ServiceProcess } from '../support/service-process';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Several service processes on one PostgreSQL database, as an operator deploys them: each
 * replica has its own DATA_DIR (unused on PostgreSQL), and shares with the others the three
 * stores and the secrets directory — key-encryption keys, the lookup secret and the
 * checkpoint signing key (KEYS_DIR) — plus where the first tenant-admin key is written.
 * Schemas get a random name and are dropped by `destroy`, which also kills every process.
 */
export class ReplicaSet {
  readonly replicas: ServiceProcess[] = [];
  private readonly schema = `replicas_${randomBytes(5).toString('hex')}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'replicas-'));
  private eventStore: EventStore | undefined;

  constructor(private readonly settings: Readonly<Record<string, string>> = {}) {}

  get keysDir(): string {
    return join(this.dir, 'keys');
  }

  get initialAdminKey(): string {
    return readFileSync(join(this.dir, 'initial-admin.key'), 'utf8').trim();
  }

  /** The settings every replica shares. */
  get sharedEnv(): Record<string, string> {
    return {
      EVENT_STORE_URL: `${PG_URL}?schema=${this.schema}_events`,
      READ_STORE_URL: `${PG_URL}?schema=${this.schema}_read`,
      KEY_STORE_URL: `${PG_URL}?schema=${this.schema}_keys`,
      KEYS_DIR: this.keysDir,
      INITIAL_ADMIN_KEY_FILE: join(this.dir, 'initial-admin.key'),
      ...this.settings,
    };
  }

  /** Starts `count` replicas at the same moment on the empty database. */
  async start(count: number): Promise<void> {
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => {
        const dataDir = join(this.dir, `replica-${i}`);
        mkdirSync(dataDir);
        return ServiceProcess.start({ env: { ...this.sharedEnv, DATA_DIR: dataDir } });
      }),
    );
    for (const outcome of started) {
      if (outcome.status === 'fulfilled') this.replicas.push(outcome.value);
    }
    const failed = started.filter((outcome) => outcome.status === 'rejected');
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} of ${count} replicas failed to start:\n${failed.map((f) => String(f.reason)).join('\n')}`,
      );
    }
  }

  /** The whole event log, read straight from PostgreSQL. */
  async readWholeLog(): Promise<RecordedEvent[]> {
    this.eventStore ??= await openPostgresEventStore({
      connectionString: PG_URL,
      schema: `${this.schema}_events`,
    });
    const all: RecordedEvent[] = [];
    for (;;) {
      const batch = await this.eventStore.readAll({
        after: all.at(-1)?.globalPosition,
        maxCount: 1000,
      });
      all.push(...batch);
      if (batch.length < 1000) return all;
    }
  }

  async destroy(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.kill()));
    await this.eventStore?.close();
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    try {
      for (const store of ['events', 'read', 'keys']) {
        await client.query(`DROP SCHEMA IF EXISTS ${this.schema}_${store} CASCADE`);
      }
    } finally {
      await client.end();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
