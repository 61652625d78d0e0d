import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MAP_LOCATION } from '../e2e/consent/fixtures';
import { DAY } from '../e2e/consent/harness';
import { ErasureApi, type ErasureReceipt } from './support/erasure-api';

/**
 * The workflow, its read model, metrics and shredding with the read store and the key store
 * on PostgreSQL: the read model's SQL (filters, cursor, aggregate) and the key store's destroy
 * and forget run on the other dialect too. The event log stays on SQLite: an event store URL
 * takes no `?schema=`, so a PostgreSQL one would share the default schema with every other
 * run.
 */
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const tag = randomBytes(5).toString('hex');
const SCHEMAS = ['read', 'keys'].map((store) => `erasure_${store}_${tag}`);
const [READ, KEYS] = SCHEMAS as [string, string];

const api = new ErasureApi({
  READ_STORE_URL: `${PG_URL}?schema=${READ}`,
  KEY_STORE_URL: `${PG_URL}?schema=${KEYS}`,
});

beforeAll(() => api.start());

afterAll(async () => {
  await api.dispose();
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const schema of SCHEMAS) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describe('the erasure workflow on PostgreSQL', () => {
  const requests: ErasureReceipt[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const subject = await api.registerSubject({ email: `pg-${i}@example.org` });
      expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
      await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
      requests.push(await api.requestErasure(subject.path, { scope: 'account' }));
    }
  });

  afterAll(() => api.clock.reset());

  it('notifies, lists overdue requests page by page and counts them', async () => {
    const all = await api.list('', requests[1]!.consistencyToken);
    expect(all.erasures.map((e) => e.recipients.map((r) => r.recipient))).toEqual([
      ['map-provider-row'],
      ['map-provider-row'],
    ]);
    api.clock.travel(35 * DAY);
    const page = await api.list('overdue=true&limit=1');
    expect(page.erasures).toHaveLength(1);
    const rest = await api.list(`overdue=true&limit=1&cursor=${page.nextCursor!}`);
    expect(rest.erasures).toHaveLength(1);
    expect(rest.erasures[0]!.erasureId).not.toBe(page.erasures[0]!.erasureId);
    const metrics = (await api.get('/metrics')).body;
    expect(metrics).toContain('erasure_requests_overdue{tenant="default"} 2');
  });

  it('completes and shreds', async () => {
    const [first] = requests;
    const subjectPath = `/v1/subjects/${first!.subjectId}`;
    const path = `${subjectPath}/erasure-requests/${first!.erasureId}`;
    expect(
      (await api.post(`${path}/confirmations`, { recipient: 'map-provider-row' })).statusCode,
    ).toBe(201);
    const completion = await api.post(`${path}/completion`, {});
    expect(completion.json()).toMatchObject({ shredding: 'done' });
    expect((await api.get(subjectPath)).json()).toMatchObject({
      email: null,
      personalDataAvailable: false,
    });
    const completed = await api.list(
      'state=completed',
      completion.json<ErasureReceipt>().consistencyToken,
    );
    expect(completed.erasures.map((e) => e.erasureId)).toEqual([first!.erasureId]);
  });
});
