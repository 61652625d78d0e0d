import { fork, type ChildProcess } from 'node:child_process';

/** A service started in its own process that reported the loopback port it listens on. */
export interface ChildService {
  readonly port: number;
  /** Asks it to shut down cleanly; kills it if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Forks `script` with `env` and waits (at most `startTimeoutMs`) for its `{ port }` message.
 * Its stdout is dropped and its stderr passed through, so a crash explains itself.
 */
export function startChildService(
  script: string,
  env: NodeJS.ProcessEnv,
  startTimeoutMs = 120_000,
  execArgv: string[] = [],
): Promise<ChildService> {
  const child = fork(script, [], { env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not report its port within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening (${code ?? signal})`));
    });
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port !== 'number') {
        child.kill('SIGKILL');
        reject(new Error(`${script} sent no port`));
        return;
      }
      resolve({ port: message.port, stop: (graceMs) => stopChild(child, graceMs) });
    });
  });
}

function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}

/**
 * Runs `script` in its own process with `input` (as JSON in BENCH_INPUT) and resolves with
 * the JSON it prints on stdout; rejects if it fails or outlives `timeoutMs`.
 */
export function runChildForJson<T>(
  script: string,
  input: unknown,
  timeoutMs: number,
  execArgv: string[] = [],
): Promise<T> {
  const child = fork(script, [], {
    env: { ...process.env, BENCH_INPUT: JSON.stringify(input) },
    execArgv,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${script} failed (${code ?? signal})`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
