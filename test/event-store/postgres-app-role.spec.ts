import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { EventRedaction } from '../../src/event-store/event-redaction';
import { appRoleGrants } from '../../src/event-store/postgres/app-role-grants';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The service connected as a role that neither owns the event log nor bypasses row
 * security: it appends, reads, follows the feed and redacts erased fields, and it can
 * neither delete, truncate, drop nor rewrite events.
 */
describe('PostgreSQL event log used by a role that does not own it', () => {
  const suffix = randomBytes(6).toString('hex');
  const schema = `app_role_${suffix}`;
  const role = `cl_app_${suffix}`;
  let admin: Client;
  let asApp: Client;
  let store: EventStore & EventRedaction;

  beforeAll(async () => {
    admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    // An administrator creates and migrates the schema, then grants the service its share.
    await (await openPostgresEventStore({ connectionString: PG_URL, schema })).close();
    await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS`);
    await admin.query(appRoleGrants(schema, role));
    const url = new URL(PG_URL);
    url.username = role;
    store = (await openPostgresEventStore({
      connectionString: url.toString(),
      schema,
    })) as EventStore & EventRedaction;
    asApp = new Client({ connectionString: url.toString() });
    await asApp.connect();
  });

  afterAll(async () => {
    await store?.close();
    await asApp?.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('is neither the owner of any table nor a role that bypasses row security', async () => {
    const owners = await admin.query<{ tableowner: string }>(
      'SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = $1',
      [schema],
    );
    expect(owners.rows.map((r) => r.tableowner)).not.toContain(role);
    const flags = await admin.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [role],
    );
    expect(flags.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('appends, reads the stream and the feed, and redacts an erased field', async () => {
    const stream = `subject-default-${randomUUID()}`;
    const id = randomUUID();
    await store.append(stream, [{ id, type: 'e', data: { sealed: 'cipher' } }], 'no_stream');
    await store.append(stream, [{ id: randomUUID(), type: 'f', data: {} }], 0);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['e', 'f']);
    expect((await store.readAll()).map((e) => e.id)).toContain(id);
    const redacted = await store.redactStream(stream, (event) =>
      event.type === 'e' ? { sealed: 'digest' } : undefined,
    );
    expect(redacted).toBe(1);
    expect((await store.readStream(stream))[0]?.data).toEqual({ sealed: 'digest' });
  });

  it.each([
    ['delete events', (s: string) => `DELETE FROM "${s}".events`],
    ['truncate the log', (s: string) => `TRUNCATE "${s}".events`],
    ['rewrite an event type', (s: string) => `UPDATE "${s}".events SET event_type = 'x'`],
    ['move an event', (s: string) => `UPDATE "${s}".events SET position = position + 1000`],
    ['drop the log', (s: string) => `DROP TABLE "${s}".events`],
    ['reset the migrations', (s: string) => `DELETE FROM "${s}".schema_migrations`],
    ['add a table', (s: string) => `CREATE TABLE "${s}".sneaky (x int)`],
  ])('is refused when it tries to %s', async (_, statement) => {
    await expect(asApp.query(statement(schema))).rejects.toMatchObject({
      code: expect.stringMatching(/^(42501|42P01)$/) as unknown,
    });
    await expect(asApp.query(statement(schema))).rejects.toThrow(/permission denied|must be owner/);
  });
});
