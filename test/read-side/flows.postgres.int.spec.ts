import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MAP_LOCATION, daysFromNow, useReadSideApp, type Json } from './read-side-app';

/**
 * The flows and violations queries on a PostgreSQL read store (a fresh schema), where the
 * row-value paging and the NOT EXISTS over `flow_windows` run in the other dialect.
 */
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `flows_${randomBytes(6).toString('hex')}`;
const api = useReadSideApp({ READ_STORE_URL: `${PG_URL}?schema=${schema}` });

afterAll(async () => {
  // The app's connections go first (disposing twice is harmless), then its schema.
  await api.dispose();
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

interface Page {
  flows?: { syncId: string }[];
  violations?: { subjectId: string; syncId: string; why: Json }[];
  nextCursor?: string;
}

async function page(url: string): Promise<Page> {
  const response = await api.get(url);
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<Page>();
}

it('pages flows and finds the violation a back-dated Local Data Mode switch makes', async () => {
  await api.publishPolicy(1, daysFromNow(-30));
  const { subjectId } = await api.registerSubject(daysFromNow(-20));
  const subject = `/v1/subjects/${subjectId}`;
  await api.command('POST', `${subject}/grants`, { ...MAP_LOCATION, occurredAt: daysFromNow(-10) });
  for (const [i, syncId] of ['pg-1', 'pg-2', 'pg-3'].entries()) {
    await api.command('POST', `${subject}/syncs`, {
      ...MAP_LOCATION,
      syncId,
      precision: 'approximate',
      userInitiated: false,
      occurredAt: daysFromNow(-5 + i),
    });
  }
  const token = await api.command('PUT', `${subject}/local-data-mode`, {
    on: true,
    occurredAt: daysFromNow(-4.5),
  });

  const synced: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `limit=2&consistencyToken=${token}${cursor ? `&cursor=${cursor}` : ''}`;
    const body = await page(`${subject}/flows?${query}`);
    synced.push(...body.flows!.map((flow) => flow.syncId));
    cursor = body.nextCursor;
  } while (cursor !== undefined);
  expect(synced).toEqual(['pg-1', 'pg-2', 'pg-3']);

  const found: Page['violations'] = [];
  cursor = undefined;
  do {
    const query = `limit=1&consistencyToken=${token}${cursor ? `&cursor=${cursor}` : ''}`;
    const body = await page(`/v1/violations?${query}`);
    found.push(...body.violations!);
    cursor = body.nextCursor;
  } while (cursor !== undefined);
  expect(found.map((v) => [v.syncId, v.why.reason, v.why.flowIs])).toEqual([
    ['pg-2', 'outside-windows', 'after-window'],
    ['pg-3', 'outside-windows', 'after-window'],
  ]);
});
