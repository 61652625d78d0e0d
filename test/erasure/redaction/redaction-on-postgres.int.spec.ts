import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeRedaction } from './describe-redaction';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tag = randomBytes(5).toString('hex');
const SCHEMAS = ['events', 'read', 'keys'].map((store) => `redaction_${store}_${tag}`);
const [EVENTS, READ, KEYS] = SCHEMAS as [string, string, string];

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(() =>
  withClient(async (client) => {
    for (const schema of SCHEMAS) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }),
);

describeRedaction(
  'PostgreSQL',
  {
    EVENT_STORE_URL: `${PG_URL}?schema=${EVENTS}`,
    READ_STORE_URL: `${PG_URL}?schema=${READ}`,
    KEY_STORE_URL: `${PG_URL}?schema=${KEYS}`,
  },
  (_api, streamName) =>
    withClient(async (client) => {
      const { rows } = await client.query<{ data: string }>(
        `SELECT data FROM "${EVENTS}".events WHERE stream_name = $1 ORDER BY stream_revision`,
        [streamName],
      );
      return rows.map((row) => row.data);
    }),
);
