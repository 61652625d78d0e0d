import { chmodSync, existsSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { BackupError } from './backup.errors';
import { type CopiedFacts, gatherFacts } from './copied-facts';
import { digestFile, type FileDigest } from './private-files';
import { fsyncPath } from '../shared/files/owner-only-file';
import { openSqliteSource } from './sqlite-source';
import { settingOf, type SqliteStep } from './store-layout';

/** sqlite3_backup_step's page count per step: all of them, so the copy is one snapshot. */
const ALL_PAGES = 2 ** 31 - 1;

/**
 * Copies a live SQLite file with SQLite's online backup API in a single step: the step holds
 * one read transaction (WAL lets the service keep writing meanwhile), so the copy is the
 * database as of one commit, never restarted by a concurrent write. The copy is switched to
 * rollback-journal mode so that it is one self-contained file that reading never changes.
 */
export async function copySqliteStep(
  step: SqliteStep,
  destination: string,
  facts: CopiedFacts,
): Promise<FileDigest> {
  if (!existsSync(step.path)) {
    throw new BackupError(
      `${step.path} (${settingOf(step.roles[0]!)}) does not exist: start the service once before backing it up`,
    );
  }
  const live = new DatabaseSync(step.path);
  try {
    live.exec('PRAGMA busy_timeout = 5000');
    await backup(live, destination, { rate: ALL_PAGES });
  } finally {
    live.close();
  }
  chmodSync(destination, 0o600);
  const copy = new DatabaseSync(destination);
  try {
    copy.exec('PRAGMA journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const source = openSqliteSource(destination, { readOnly: true });
  try {
    for (const role of step.roles) await gatherFacts(role, source, facts);
  } finally {
    source.close();
  }
  fsyncPath(destination);
  return digestFile(destination);
}
