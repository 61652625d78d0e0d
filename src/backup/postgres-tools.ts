import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { ClientBase } from 'pg';
import { BackupError } from './backup.errors';

type PostgresTool = 'pg_dump' | 'pg_restore';

interface FoundTool {
  readonly path: string;
  /** The tool's own `--version` line, e.g. `pg_dump (PostgreSQL) 15.20`. */
  readonly version: string;
}

const VERSION = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)?/;
const STDERR_LINES = 8;

/** The server's major version (15 for 15.4). */
export async function serverMajor(client: ClientBase): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ num: string; version: string }>(
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
  );
  return { major: Math.floor(Number(rows[0]!.num) / 10_000), version: rows[0]!.version };
}

/**
 * Finds `tool` of the server's major version: in `binDir` when given, else Debian's
 * `/usr/lib/postgresql/<major>/bin`, else on PATH. A dump taken with another major version
 * may not restore (or not dump at all), so anything else is refused, saying what was found.
 */
export async function findPostgresTool(
  tool: PostgresTool,
  major: number,
  binDir?: string,
): Promise<FoundTool> {
  const candidates =
    binDir !== undefined
      ? [join(binDir, tool)]
      : [
          join('/usr/lib/postgresql', String(major), 'bin', tool),
          ...(process.env.PATH ?? '')
            .split(delimiter)
            .filter(Boolean)
            .map((dir) => join(dir, tool)),
        ];
  const seen: string[] = [];
  for (const path of [...new Set(candidates)]) {
    if (!existsSync(path)) continue;
    const version = await versionOf(path);
    if (version === undefined) continue;
    if (Number(VERSION.exec(version)?.[1]) === major) return { path, version };
    seen.push(`${version} at ${path}`);
  }
  const found = seen.length > 0 ? `found only ${seen.join(', ')}` : 'found none';
  throw new BackupError(
    `${tool} of PostgreSQL ${major} (the server's version) is needed: ${found}${binDir !== undefined ? ` in ${binDir}` : ' in /usr/lib/postgresql/' + major + '/bin or on PATH'}; install the PostgreSQL ${major} client tools or pass --pg-bin <dir>`,
  );
}

async function versionOf(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 10_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * How the tools reach the database: the URL without its password (the process list shows
 * arguments), the password in the environment instead.
 */
export function toolConnection(connectionString: string): {
  dbname: string;
  env: NodeJS.ProcessEnv;
} {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: { ...process.env, ...(password !== '' ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a tool to completion; a failure carries the last lines of its own error output. */
export function runPostgresTool(
  tool: FoundTool,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8192);
    });
    child.on('error', (error) =>
      reject(new BackupError(`${tool.path} did not start: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const tail = stderr.trim().split('\n').slice(-STDERR_LINES).join('\n');
      reject(
        new BackupError(
          `${tool.path} failed (${signal ?? `exit ${code}`})${tail === '' ? '' : `:\n${tail}`}`,
        ),
      );
    });
  });
}
