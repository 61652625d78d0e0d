import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupError } from './backup.errors';
import { findPostgresTool, toolConnection } from './postgres-tools';

describe('the PostgreSQL client tools', () => {
  const bin = mkdtempSync(join(tmpdir(), 'cl-pg-bin-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  function fakeTool(name: string, version: string): void {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\necho "${name} (PostgreSQL) ${version}"\n`);
    chmodSync(path, 0o755);
  }

  it("takes the tool of the server's major version", async () => {
    fakeTool('pg_dump', '15.20 (Debian 15.20-0+deb12u1)');
    await expect(findPostgresTool('pg_dump', 15, bin)).resolves.toEqual({
      path: join(bin, 'pg_dump'),
      version: 'pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)',
    });
  });

  it('refuses another major version, saying what it found and what to do', async () => {
    fakeTool('pg_restore', '14.11');
    const found = findPostgresTool('pg_restore', 16, bin);
    await expect(found).rejects.toBeInstanceOf(BackupError);
    await expect(findPostgresTool('pg_restore', 16, bin)).rejects.toThrow(
      `pg_restore of PostgreSQL 16 (the server's version) is needed: found only pg_restore (PostgreSQL) 14.11 at ${join(bin, 'pg_restore')}`,
    );
  });

  it('says so when there is none at all', async () => {
    await expect(findPostgresTool('pg_dump', 15, join(bin, 'nowhere'))).rejects.toThrow(
      'found none',
    );
  });

  it('passes the password in the environment, never in the arguments', () => {
    const { dbname, env } = toolConnection(
      'postgres://ledger:s%40cret@db.example:5433/prod?sslmode=require',
    );
    expect(dbname).toBe('postgres://ledger@db.example:5433/prod?sslmode=require');
    expect(env.PGPASSWORD).toBe('s@cret');
  });
});
