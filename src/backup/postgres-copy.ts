import { chmodSync } from 'node:fs';
import { Client } from 'pg';
import { BackupError } from './backup.errors';
import { type CopiedFacts, gatherFacts } from './copied-facts';
import { PostgresSource } from './postgres-source';
import { findPostgresTool, runPostgresTool, serverMajor, toolConnection } from './postgres-tools';
import { digestFile, type FileDigest } from './private-files';
import { fsyncPath } from '../shared/files/owner-only-file';
import { settingOf, type PostgresStep } from './store-layout';

interface PostgresCopy {
  readonly digest: FileDigest;
  readonly tool: string;
  readonly serverVersion: string;
}

/**
 * Dumps the step's schemas with one `pg_dump` (custom format) in a snapshot this process
 * exported and keeps open: the dump and the figures read here for the manifest (the events
 * re-hashed, the checkpoints, the KEKs in use) see exactly the same committed state, and all
 * schemas of the database are mutually consistent.
 */
export async function copyPostgresStep(
  step: PostgresStep,
  destination: string,
  facts: CopiedFacts,
  pgBin: string | undefined,
): Promise<PostgresCopy> {
  const client = new Client({ connectionString: step.connectionString });
  // An idle connection's error is reported by the query that uses it next.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const server = await serverMajor(client);
    const pgDump = await findPostgresTool('pg_dump', server.major, pgBin);
    const schemas = [...new Set(step.schemas.map((s) => s.schema))];
    for (const { role, schema } of step.schemas) {
      if (!(await schemaExists(client, schema))) {
        throw new BackupError(
          `the schema ${schema} (${settingOf(role)}) does not exist: start the service once before backing it up`,
        );
      }
    }
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>(
      'SELECT pg_export_snapshot() AS snapshot',
    );
    const connection = toolConnection(step.connectionString);
    const dump = runPostgresTool(
      pgDump,
      [
        '--format=custom',
        `--snapshot=${rows[0]!.snapshot}`,
        '--no-password',
        `--file=${destination}`,
        // Quoted, a name is matched literally rather than as a pattern.
        ...schemas.flatMap((schema) => ['--schema', `"${schema}"`]),
        `--dbname=${connection.dbname}`,
      ],
      connection.env,
    );
    try {
      for (const { role, schema } of step.schemas) {
        await gatherFacts(role, new PostgresSource(client, schema), facts);
      }
    } finally {
      // The snapshot must stay open until pg_dump is done with it, success or not.
      await dump.catch(() => undefined);
    }
    await dump;
    await client.query('COMMIT');
    chmodSync(destination, 0o600);
    fsyncPath(destination);
    return {
      digest: await digestFile(destination),
      tool: pgDump.version,
      serverVersion: server.version,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function schemaExists(client: Client, schema: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}
