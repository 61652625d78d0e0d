import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { findDurabilityProblems, runAndKill, type Ack } from './kill-during-appends';

const KILLS = 20;

describe('durability on SQLite: SIGKILL during concurrent appends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-durability-'));
  const path = join(dir, 'events.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append across ${KILLS} kills`, async () => {
    const acknowledged: Ack[] = [];
    for (let run = 0; run < KILLS; run++) {
      const acks = await runAndKill({ STORE: 'sqlite', SQLITE_PATH: path, RUN: String(run) }, 300);
      expect(acks.length).toBeGreaterThan(0);
      acknowledged.push(...acks);
      const store = await openSqliteEventStore({ path });
      try {
        expect(await findDurabilityProblems(store, acknowledged)).toEqual([]);
      } finally {
        await store.close();
      }
    }
  }, 180_000);
});
