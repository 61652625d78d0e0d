import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of the test's own: a fresh cluster in a temporary directory on a free
 * loopback port, which the test may crash (`restart('immediate')`), stop and start at will
 * without disturbing the shared server other suites use. The server refuses to run as root,
 * so as root it runs as the `postgres` user (Debian's package creates it).
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  readonly port: number;
  /** `immediate` kills every backend at once (a crash); `fast` rolls back and disconnects. */
  restart(mode?: 'immediate' | 'fast'): void;
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  /** Stops the server and deletes its directory. */
  destroy(): void;
}

/** Where Debian installs the server binaries, newest version first; PG_BIN overrides. */
export function findPostgresBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'pg_ctl')));
}

/** Why a private server cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  const bin = findPostgresBin();
  if (!bin)
    return "no PostgreSQL server binaries (install Debian's postgresql package or set PG_BIN)";
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root and there is no postgres user to run the server as';
  }
  return undefined;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  const why = privatePostgresUnavailable();
  if (!bin || why) throw new Error(`cannot start a private PostgreSQL: ${why}`);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'consent-ledger-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freeLoopbackPort();
  const run = (tool: string, args: string[]): void => {
    const command = join(bin, tool);
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    // A process crash, not a power cut, is what these tests cause: WAL in the page cache
    // survives it, so skipping fsync changes no outcome and spares the shared disk.
    '-c fsync=off',
    '-c max_connections=200',
  ].join(' ');
  const ctl = (...args: string[]): void =>
    run('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), ...args]);
  const start = (): void => ctl('-o', options, 'start');
  const stop = (mode: 'immediate' | 'fast' = 'fast'): void => ctl('-m', mode, 'stop');
  start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: (mode = 'immediate') => ctl('-m', mode, '-o', options, 'restart'),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      try {
        stop('immediate');
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
