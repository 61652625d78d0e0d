import { loadConfig } from '../config/load-config';
import { BackupUsageError } from './backup.errors';
import { storeSteps } from './store-layout';

const PG = 'postgres://u:secret@db.example/ledger';
const steps = (env: Record<string, string>) =>
  storeSteps(loadConfig({ DATA_DIR: '/data', ...env }));

describe('the order stores are copied in', () => {
  it('is read store, event store, key store: one SQLite file each by default', () => {
    expect(steps({}).map((s) => [s.kind, s.roles])).toEqual([
      ['sqlite', ['read-store']],
      ['sqlite', ['event-store']],
      ['sqlite', ['key-store']],
    ]);
  });

  it('takes the schemas of one PostgreSQL database in one snapshot', () => {
    const [only, ...rest] = steps({
      EVENT_STORE_URL: `${PG}?schema=ev`,
      READ_STORE_URL: `${PG}?schema=rd`,
      KEY_STORE_URL: `${PG}?schema=ky`,
    });
    expect(rest).toEqual([]);
    expect(only).toEqual({
      kind: 'postgres',
      roles: ['read-store', 'event-store', 'key-store'],
      connectionString: PG,
      schemas: [
        { role: 'read-store', schema: 'rd' },
        { role: 'event-store', schema: 'ev' },
        { role: 'key-store', schema: 'ky' },
      ],
    });
  });

  it('uses each store default schema when the URLs name none', () => {
    const [only] = steps({ EVENT_STORE_URL: PG });
    expect(only).toMatchObject({
      schemas: [
        { role: 'read-store', schema: 'consent_ledger_read' },
        { role: 'event-store', schema: 'consent_ledger' },
        { role: 'key-store', schema: 'consent_ledger_keys' },
      ],
    });
  });

  it('keeps the order across kinds: a PostgreSQL read store, SQLite events and keys', () => {
    expect(steps({ READ_STORE_URL: `${PG}?schema=rd` }).map((s) => [s.kind, s.roles])).toEqual([
      ['postgres', ['read-store']],
      ['sqlite', ['event-store']],
      ['sqlite', ['key-store']],
    ]);
  });

  it('refuses a file shared by the read store and the key store while the events are elsewhere', () => {
    expect(() =>
      steps({ READ_STORE_URL: '/data/shared.sqlite', KEY_STORE_URL: '/data/shared.sqlite' }),
    ).toThrow(
      'READ_STORE_URL and KEY_STORE_URL name the same store while the event store is elsewhere',
    );
  });

  it('refuses KurrentDB, whose own tools back it up', () => {
    expect(() => steps({ EVENT_STORE_URL: 'kurrentdb://localhost:2113' })).toThrow(
      BackupUsageError,
    );
  });
});
