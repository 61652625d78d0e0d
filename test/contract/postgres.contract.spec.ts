import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { describeEventStoreContract, type ContractStorage } from './event-store.contract';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

describeEventStoreContract('postgres', () => ({
  uniqueEventIdsAcrossStreams: true,
  async create(options): Promise<ContractStorage> {
    // A fresh schema per test: tests never see each other's events, and dropping it cleans up.
    const schema = `contract_${randomBytes(8).toString('hex')}`;
    const open = () =>
      openPostgresEventStore({
        connectionString: PG_URL,
        schema,
        maxEventBytes: options?.maxEventBytes,
      });
    const store = await open();
    return {
      store,
      reopen: open,
      destroy: () => dropSchema(schema),
    };
  },
}));
