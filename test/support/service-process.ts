import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'register-ts.js');
const MAIN = join(ROOT, 'src', 'main.ts');

/**
 * The sources compile on every start (several seconds on a busy machine). A long run builds
 * once (`npm run build`) and sets SERVICE_PROCESS_ENTRY=dist/src/main.js to start in ~1 s.
 */
function entryArguments(): string[] {
  const built = process.env.SERVICE_PROCESS_ENTRY;
  return built ? [join(ROOT, built)] : ['-r', REGISTER, MAIN];
}

/** How the service process ended, as a parent sees it. */
export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  /** Settings of the service (DATA_DIR, EVENT_STORE_URL, …); PORT and HOST are chosen here. */
  readonly env: Readonly<Record<string, string>>;
  /** How long to wait for `/health` to answer 200 after the process starts. */
  readonly startTimeoutMs?: number;
  /** The port to listen on; a free loopback port when left out. A restart keeps its port. */
  readonly port?: number;
}

/**
 * The service as an operator runs it: `src/main.ts` in its own Node process (compiled on
 * load by register-ts.js, or the build: see entryArguments), on loopback only, started and killed from a test. Its stderr is
 * kept (the last 64 kB) so that a crash explains itself; stdout (the JSON log) is dropped.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<ServiceExit> | undefined;
  private stderr = '';
  /** Exits the test did not ask for: a crash shows up here. */
  readonly unexpectedExits: ServiceExit[] = [];
  private expectingExit = false;

  private constructor(
    readonly port: number,
    private readonly options: ServiceProcessOptions,
  ) {}

  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const service = new ServiceProcess(options.port ?? (await freeLoopbackPort()), options);
    await service.restart();
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** What the process wrote to stderr since its last start (the tail). */
  get errorOutput(): string {
    return this.stderr;
  }

  /** Starts the process again (after a kill or stop) and waits until `/health` answers. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('the service process is still running');
    this.stderr = '';
    this.expectingExit = false;
    const child = spawn(process.execPath, entryArguments(), {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...this.options.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-65_536);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const exit = { code, signal };
        if (!this.expectingExit) this.unexpectedExits.push(exit);
        if (this.child === child) this.child = undefined;
        resolve(exit);
      });
    });
    await this.waitUntilHealthy(this.options.startTimeoutMs ?? 60_000);
  }

  /** SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. */
  async kill(): Promise<ServiceExit> {
    return this.end('SIGKILL');
  }

  /** SIGTERM: a clean shutdown; SIGKILL if it is not over after `graceMs`. */
  async stop(graceMs = 30_000): Promise<ServiceExit> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await this.end('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }

  private async end(signal: NodeJS.Signals): Promise<ServiceExit> {
    const child = this.child;
    if (!child || !this.exited) return { code: null, signal: null };
    this.expectingExit = true;
    child.kill(signal);
    return this.exited;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.child) {
        throw new Error(`the service exited while starting:\n${this.stderr}`);
      }
      try {
        const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    await this.kill();
    throw new Error(`the service did not answer /health within ${timeoutMs} ms:\n${this.stderr}`);
  }
}

/** A loopback port nothing listens on at the moment (the OS picks it). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}
