import { InvalidReadStoreSettingError } from '../../src/read-store/read-store.errors';
import { openReadStore } from '../../src/read-store/open-read-store';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { asBigInt, asNumber, asString } from '../../src/read-store/sql-value';
import { DIALECTS, createStores, type StoreHarness } from './fixtures/stores';

describe.each(DIALECTS)('read store on %s', (dialect) => {
  let stores: StoreHarness;
  let store: ReadStore;

  beforeEach(async () => {
    stores = await createStores(dialect);
    store = stores.readStore;
    await store.execute(
      'CREATE TABLE items (id TEXT PRIMARY KEY, amount BIGINT NOT NULL, note TEXT, blob BYTEA)',
    );
  });

  afterEach(async () => {
    await stores.destroy();
  });

  it('commits a transaction and reads back every value type on both dialects', async () => {
    await store.transaction(async (tx) => {
      expect(tx.dialect).toBe(dialect);
      await tx.execute('INSERT INTO items (id, amount, note, blob) VALUES ($1, $2, $3, $4)', [
        'a',
        2n ** 60n,
        "it's $1 here",
        new Uint8Array([1, 2, 3]),
      ]);
      await tx.execute('INSERT INTO items (id, amount, note) VALUES ($2, $1, NULL)', [7, 'b']);
    });
    const rows = await store.query('SELECT id, amount, note, blob FROM items ORDER BY id');
    expect(rows.map((r) => asString(r.id))).toEqual(['a', 'b']);
    expect(asBigInt(rows[0]!.amount)).toBe(2n ** 60n);
    expect(asNumber(rows[1]!.amount)).toBe(7);
    expect(rows[0]!.note).toBe("it's $1 here");
    expect(rows[1]!.note).toBeNull();
    expect(Buffer.from(rows[0]!.blob as Uint8Array)).toEqual(Buffer.from([1, 2, 3]));
  });

  it('rolls back everything when the work throws, and rethrows', async () => {
    const failure = new Error('boom');
    await expect(
      store.transaction(async (tx) => {
        await tx.execute("INSERT INTO items (id, amount) VALUES ('a', 1)");
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(
      store.transaction(async (tx) => {
        await tx.execute("INSERT INTO items (id, amount) VALUES ('b', 1)");
        await tx.execute("INSERT INTO items (id, amount) VALUES ('b', 2)");
      }),
    ).rejects.toThrow();
    expect(await store.query('SELECT id FROM items')).toEqual([]);
  });

  it('reports the rows a statement changed', async () => {
    await store.execute("INSERT INTO items (id, amount) VALUES ('a', 1), ('b', 2), ('c', 3)");
    expect(await store.execute('UPDATE items SET amount = amount + 1 WHERE amount > $1', [1])).toBe(
      2,
    );
  });

  it('does not show uncommitted writes to queries outside the transaction', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const tx = store.transaction(async (t) => {
      await t.execute("INSERT INTO items (id, amount) VALUES ('a', 1)");
      inserted();
      await held;
    });
    await written;
    expect(await store.query('SELECT id FROM items')).toEqual([]);
    release();
    await tx;
    expect(await store.query('SELECT id FROM items')).toHaveLength(1);
  });

  it('runs concurrent transactions without losing an update', async () => {
    await store.execute("INSERT INTO items (id, amount) VALUES ('counter', 0)");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.transaction(async (tx) => {
          const [row] = await tx.query(
            `SELECT amount FROM items WHERE id = 'counter'${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
          );
          await tx.execute("UPDATE items SET amount = $1 WHERE id = 'counter'", [
            asNumber(row!.amount) + 1,
          ]);
        }),
      ),
    );
    const [row] = await store.query("SELECT amount FROM items WHERE id = 'counter'");
    expect(asNumber(row!.amount)).toBe(20);
  });

  it('grants a writer lease to one holder at a time', async () => {
    const other = await stores.openReadStore();
    const lease = await store.tryAcquireWriterLease('projection:x');
    expect(lease).toBeDefined();
    expect(await store.tryAcquireWriterLease('projection:y')).toBeDefined();
    if (dialect === 'postgres') {
      expect(await other.tryAcquireWriterLease('projection:x')).toBeUndefined();
      expect(await store.tryAcquireWriterLease('projection:x')).toBeUndefined();
      await lease!.release();
      const taken = await other.tryAcquireWriterLease('projection:x');
      expect(taken).toBeDefined();
      await other.close();
      // Closing the holder's connection frees the lock for everyone else.
      expect(await store.tryAcquireWriterLease('projection:x')).toBeDefined();
    } else {
      // Only one host writes a SQLite file; the checkpoint check guards its processes.
      expect(await other.tryAcquireWriterLease('projection:x')).toBeDefined();
    }
  });

  it('refuses use after close', async () => {
    const other = await stores.openReadStore();
    await other.close();
    await expect(other.query('SELECT 1')).rejects.toMatchObject({ code: 'read-store-closed' });
  });
});

describe('openReadStore', () => {
  it('rejects a URL with no file and a malformed postgres URL without echoing it', async () => {
    await expect(openReadStore('sqlite:')).rejects.toBeInstanceOf(InvalidReadStoreSettingError);
    const error = await openReadStore('postgres://user:secret@[bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidReadStoreSettingError);
    expect((error as Error).message).not.toContain('secret');
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      openReadStore('postgres://postgres@127.0.0.1:5432/test?schema=x";drop'),
    ).rejects.toBeInstanceOf(InvalidReadStoreSettingError);
  });
});
