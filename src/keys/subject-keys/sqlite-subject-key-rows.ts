import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { WrappedKey } from '../kek/key-encryption-keys.port';
import { clearWalResidue, openKeysDatabase, sqliteCall } from '../storage/sqlite-keys-database';
import type { LiveKeyRow, StaleKeyRow, SubjectKeyRows } from './subject-key-rows';

/** A destroyed row keeps its key id (public) and loses everything that could rebuild the key. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    tenant_id    TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    key_id       TEXT,
    kek_id       TEXT,
    wrapped      BLOB,
    created_at   TEXT NOT NULL,
    destroyed_at TEXT,
    PRIMARY KEY (tenant_id, subject_id),
    CHECK ((destroyed_at IS NULL AND key_id IS NOT NULL AND kek_id IS NOT NULL AND wrapped IS NOT NULL)
        OR (destroyed_at IS NOT NULL AND kek_id IS NULL AND wrapped IS NULL))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS subject_keys_by_kek ON subject_keys (kek_id) WHERE kek_id IS NOT NULL;
`;

interface KeyRow {
  key_id: string | null;
  kek_id: string | null;
  wrapped: Uint8Array | null;
  destroyed_at: string | null;
}

interface StaleRow {
  tenant_id: string;
  subject_id: string;
  kek_id: string;
  wrapped: Uint8Array;
}

export function openSqliteSubjectKeyRows(path: string): SubjectKeyRows {
  return new SqliteSubjectKeyRows(openKeysDatabase(path, SCHEMA), path);
}

class SqliteSubjectKeyRows implements SubjectKeyRows {
  private readonly insert: StatementSync;
  private readonly select: StatementSync;
  private readonly tombstone: StatementSync;
  private readonly countStale: StatementSync;
  private readonly selectStale: StatementSync;
  private readonly replace: StatementSync;
  private readonly inUse: StatementSync;
  private readonly perKek: StatementSync;

  constructor(
    private readonly db: DatabaseSync,
    private readonly path: string,
  ) {
    this.insert = db.prepare(
      `INSERT INTO subject_keys (tenant_id, subject_id, key_id, kek_id, wrapped, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.select = db.prepare(
      `SELECT key_id, kek_id, wrapped, destroyed_at FROM subject_keys
       WHERE tenant_id = ? AND subject_id = ?`,
    );
    this.tombstone = db.prepare(
      `INSERT INTO subject_keys (tenant_id, subject_id, created_at, destroyed_at)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET
         wrapped = NULL, kek_id = NULL, destroyed_at = COALESCE(destroyed_at, excluded.destroyed_at)`,
    );
    this.countStale = db.prepare(
      'SELECT count(*) AS n FROM subject_keys WHERE kek_id IS NOT NULL AND kek_id <> ?',
    );
    this.selectStale = db.prepare(
      `SELECT tenant_id, subject_id, kek_id, wrapped FROM subject_keys
       WHERE kek_id IS NOT NULL AND kek_id <> ? ORDER BY tenant_id, subject_id LIMIT ?`,
    );
    this.replace = db.prepare(
      `UPDATE subject_keys SET kek_id = ?, wrapped = ?
       WHERE tenant_id = ? AND subject_id = ? AND destroyed_at IS NULL AND kek_id = ? AND wrapped = ?`,
    );
    this.inUse = db.prepare(
      'SELECT DISTINCT kek_id FROM subject_keys WHERE kek_id IS NOT NULL ORDER BY kek_id',
    );
    this.perKek = db.prepare(
      `SELECT kek_id, count(*) AS n FROM subject_keys WHERE kek_id IS NOT NULL
       GROUP BY kek_id ORDER BY kek_id`,
    );
  }

  insertIfAbsent(tenantId: string, subjectId: string, row: LiveKeyRow): Promise<void> {
    return sqliteCall(() => {
      const now = new Date().toISOString();
      this.insert.run(tenantId, subjectId, row.keyId, row.kekId, row.wrapped, now);
    });
  }

  find(tenantId: string, subjectId: string): Promise<LiveKeyRow | 'destroyed' | undefined> {
    return sqliteCall(() => {
      const row = this.select.get(tenantId, subjectId) as KeyRow | undefined;
      if (row === undefined) return undefined;
      // The CHECK constraint makes these agree; testing all keeps the types honest.
      if (row.destroyed_at !== null || row.key_id === null || row.kek_id === null) {
        return 'destroyed';
      }
      if (row.wrapped === null) return 'destroyed';
      return { keyId: row.key_id, kekId: row.kek_id, wrapped: Buffer.from(row.wrapped) };
    });
  }

  markDestroyed(tenantId: string, subjectId: string): Promise<void> {
    return sqliteCall(() => {
      const now = new Date().toISOString();
      this.tombstone.run(tenantId, subjectId, now, now);
      clearWalResidue(this.db, this.path);
    });
  }

  countWrappedOutside(kekId: string): Promise<number> {
    return sqliteCall(() => Number((this.countStale.get(kekId) as { n: number | bigint }).n));
  }

  wrappedOutside(kekId: string, limit: number): Promise<StaleKeyRow[]> {
    return sqliteCall(() =>
      (this.selectStale.all(kekId, limit) as unknown as StaleRow[]).map((row) => ({
        tenantId: row.tenant_id,
        subjectId: row.subject_id,
        kekId: row.kek_id,
        wrapped: Buffer.from(row.wrapped),
      })),
    );
  }

  replaceWrapped(row: StaleKeyRow, next: WrappedKey): Promise<boolean> {
    return sqliteCall(() => {
      const result = this.replace.run(
        next.kekId,
        next.wrapped,
        row.tenantId,
        row.subjectId,
        row.kekId,
        row.wrapped,
      );
      return Number(result.changes) === 1;
    });
  }

  kekIdsInUse(): Promise<string[]> {
    return sqliteCall(() =>
      (this.inUse.all() as unknown as { kek_id: string }[]).map((row) => row.kek_id),
    );
  }

  countByKek(): Promise<Map<string, number>> {
    return sqliteCall(
      () =>
        new Map(
          (this.perKek.all() as unknown as { kek_id: string; n: number | bigint }[]).map((row) => [
            row.kek_id,
            Number(row.n),
          ]),
        ),
    );
  }

  close(): Promise<void> {
    return sqliteCall(() => {
      if (this.db.isOpen) this.db.close();
    });
  }
}
