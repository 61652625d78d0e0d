import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { clearWalResidue, openKeysDatabase, sqliteCall } from '../storage/sqlite-keys-database';
import type { LookupPairing, SubjectLookupRows } from './subject-lookup-rows';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subject_lookup (
    tenant_id  TEXT NOT NULL,
    digest     BLOB NOT NULL,
    subject_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, digest),
    UNIQUE (tenant_id, subject_id)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS lookup_secret (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint BLOB NOT NULL
  ) STRICT;
`;

export function openSqliteSubjectLookupRows(path: string): SubjectLookupRows {
  return new SqliteSubjectLookupRows(openKeysDatabase(path, SCHEMA), path);
}

class SqliteSubjectLookupRows implements SubjectLookupRows {
  private readonly select: StatementSync;
  private readonly insert: StatementSync;
  private readonly pairings: StatementSync;
  private readonly remove: StatementSync;
  private readonly claim: StatementSync;
  private readonly fingerprint: StatementSync;

  constructor(
    private readonly db: DatabaseSync,
    private readonly path: string,
  ) {
    this.select = db.prepare(
      'SELECT subject_id FROM subject_lookup WHERE tenant_id = ? AND digest = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO subject_lookup (tenant_id, digest, subject_id, created_at)
       VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.pairings = db.prepare(
      `SELECT digest, subject_id FROM subject_lookup
       WHERE tenant_id = ? AND (digest = ? OR subject_id = ?)`,
    );
    this.remove = db.prepare('DELETE FROM subject_lookup WHERE tenant_id = ? AND subject_id = ?');
    this.claim = db.prepare(
      'INSERT INTO lookup_secret (id, fingerprint) VALUES (1, ?) ON CONFLICT DO NOTHING',
    );
    this.fingerprint = db.prepare('SELECT fingerprint FROM lookup_secret WHERE id = 1');
  }

  findSubject(tenantId: string, digest: Buffer): Promise<string | undefined> {
    return sqliteCall(() => {
      const row = this.select.get(tenantId, digest) as { subject_id: string } | undefined;
      return row?.subject_id;
    });
  }

  insertIfAbsent(tenantId: string, digest: Buffer, subjectId: string): Promise<boolean> {
    return sqliteCall(() => {
      const now = new Date().toISOString();
      return Number(this.insert.run(tenantId, digest, subjectId, now).changes) === 1;
    });
  }

  pairingsOf(tenantId: string, digest: Buffer, subjectId: string): Promise<LookupPairing[]> {
    return sqliteCall(() =>
      (
        this.pairings.all(tenantId, digest, subjectId) as unknown as {
          digest: Uint8Array;
          subject_id: string;
        }[]
      ).map((row) => ({ digest: Buffer.from(row.digest), subjectId: row.subject_id })),
    );
  }

  claimSecretFingerprint(fingerprint: Buffer): Promise<Buffer> {
    return sqliteCall(() => {
      this.claim.run(fingerprint);
      const row = this.fingerprint.get() as { fingerprint: Uint8Array };
      return Buffer.from(row.fingerprint);
    });
  }

  deleteSubject(tenantId: string, subjectId: string): Promise<void> {
    return sqliteCall(() => {
      this.remove.run(tenantId, subjectId);
      clearWalResidue(this.db, this.path);
    });
  }

  close(): Promise<void> {
    return sqliteCall(() => {
      if (this.db.isOpen) this.db.close();
    });
  }
}
