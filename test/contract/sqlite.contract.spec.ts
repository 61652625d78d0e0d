import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('sqlite', () => ({
  uniqueEventIdsAcrossStreams: true,
  async create(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'cl-sqlite-contract-'));
    const path = join(dir, 'events.sqlite');
    const store = await openSqliteEventStore({ path, ...options });
    return {
      store,
      reopen: () => openSqliteEventStore({ path, ...options }),
      destroy: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  },
}));
