import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { asNumber, asString } from '../../read-store/sql-value';
import { KeyStoreUnavailableError } from '../keys.errors';
import { SQLITE_KEYS_DIALECT } from './keys-dialect';
import { openKeysDatabase } from './sqlite-keys-database';
import { SqliteKeysSql } from './sqlite-keys-sql';

const TABLE = 'CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER, at TEXT) STRICT';

describe('the keys SQLite file behind the dialect-neutral SQL', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'consent-ledger-keys-sql-'));
    path = join(dir, 'keys.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs statements written with PostgreSQL placeholders, used twice and out of order', async () => {
    const sql = new SqliteKeysSql(openKeysDatabase(path, TABLE), path);
    try {
      expect(
        await sql.execute('INSERT INTO t (k, v) VALUES ($2, $1), ($2 || $2, $1)', [7, 'a']),
      ).toBe(2);
      const rows = await sql.query('SELECT k, v FROM t ORDER BY k');
      expect(rows.map((row) => [asString(row.k), asNumber(row.v)])).toEqual([
        ['a', 7],
        ['aa', 7],
      ]);
    } finally {
      await sql.close();
    }
  });

  it('writes `now` as the text Date#toISOString writes', async () => {
    const sql = new SqliteKeysSql(openKeysDatabase(path, TABLE), path);
    try {
      const before = Date.now();
      await sql.execute(`INSERT INTO t (k, at) VALUES ('x', ${SQLITE_KEYS_DIALECT.now})`);
      const [row] = await sql.query('SELECT at FROM t');
      const at = asString(row?.at);
      expect(new Date(at).toISOString()).toBe(at);
      expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(at)).toBeLessThanOrEqual(Date.now());
    } finally {
      await sql.close();
    }
  });

  it('rejects with KeyStoreUnavailableError while another process holds the write lock', async () => {
    openKeysDatabase(path, TABLE).close();
    const holder = new DatabaseSync(path);
    // No waiting for the lock here (the stores wait 5 s): the translation is under test.
    const waiter = new DatabaseSync(path);
    waiter.exec('PRAGMA busy_timeout = 0');
    const sql = new SqliteKeysSql(waiter, path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await expect(sql.execute("INSERT INTO t (k) VALUES ('y')")).rejects.toThrow(
        KeyStoreUnavailableError,
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await sql.close();
    }
  });

  it('clears the write-ahead log after an erasure, and closes once', async () => {
    const sql = new SqliteKeysSql(openKeysDatabase(path, TABLE), path);
    await sql.execute("INSERT INTO t (k) VALUES ('z')");
    await sql.execute("DELETE FROM t WHERE k = 'z'");
    await expect(sql.clearResidue()).resolves.toBeUndefined();
    await sql.close();
    await expect(sql.close()).resolves.toBeUndefined();
  });
});
