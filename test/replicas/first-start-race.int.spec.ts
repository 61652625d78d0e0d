import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureCheckpointTable as ensureAuditCheckpointTable } from '../../src/audit/checkpoints/checkpoint-store';
import { IdempotencyStore } from '../../src/idempotency/idempotency-store';
import { ensureCheckpointTable } from '../../src/projections/checkpoints';
import { openPostgresReadStore } from '../../src/read-store/postgres/postgres-read-store';
import type { ReadStore } from '../../src/read-store/read-store.port';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPLICAS = 6;
const ROUNDS = 8;

/**
 * Issue #13: replicas started at the same moment on an empty PostgreSQL all create the
 * read store's tables that live outside any projection. Two concurrent `CREATE TABLE IF NOT
 * EXISTS` of one table can fail on the catalogue's unique index instead of finding the
 * other's table, which stopped a replica's first start ("duplicate key value violates
 * unique constraint pg_type_typname_nsp_index" for idempotency_records, about one start
 * in thirty with three to five replicas). Each round is a fresh schema.
 */
describe('replicas creating the read store tables at the same moment', () => {
  const schemas: string[] = [];

  afterAll(async () => {
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('all succeed, round after round, and leave one table of each', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const schema = `first_start_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      const stores: ReadStore[] = [];
      try {
        for (let i = 0; i < REPLICAS; i++) {
          stores.push(await openPostgresReadStore({ connectionString: PG_URL, schema }));
        }
        const setups = stores.flatMap((store) => [
          new IdempotencyStore(store).setup(),
          ensureCheckpointTable(store),
          ensureAuditCheckpointTable(store),
        ]);
        const outcomes = await Promise.allSettled(setups);
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
        const tables = await stores[0]!.query(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
          [schema],
        );
        expect(tables.map((row) => row.table_name)).toEqual([
          'audit_checkpoints',
          'idempotency_records',
          'projection_checkpoints',
        ]);
      } finally {
        for (const store of stores) await store.close();
      }
    }
  });
});
