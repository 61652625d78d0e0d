import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { findDurabilityProblems, runAndKill, type Ack } from './kill-during-appends';

const KILLS = 20;
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('durability on PostgreSQL: SIGKILL during concurrent appends', () => {
  const schema = `durability_${randomBytes(6).toString('hex')}`;

  afterAll(async () => {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it(`keeps every acknowledged append across ${KILLS} kills`, async () => {
    const acknowledged: Ack[] = [];
    for (let run = 0; run < KILLS; run++) {
      const env = { STORE: 'postgres', PG_URL, PG_SCHEMA: schema, RUN: String(run) };
      const acks = await runAndKill(env, 300);
      expect(acks.length).toBeGreaterThan(0);
      acknowledged.push(...acks);
      const store = await openPostgresEventStore({ connectionString: PG_URL, schema });
      try {
        expect(await findDurabilityProblems(store, acknowledged)).toEqual([]);
      } finally {
        await store.close();
      }
    }
  }, 180_000);
});
