import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Run from TypeScript (`node -r register-ts.js`), children need the same loader. */
const FROM_SOURCE = __filename.endsWith('.ts');
const REGISTER_TS = join(__dirname, '..', '..', 'test', 'support', 'register-ts.js');

/** A benchmark script beside `dir`, in the form this process runs (compiled or source). */
export function benchScript(dir: string, name: string): string {
  return join(dir, `${name}${FROM_SOURCE ? '.ts' : '.js'}`);
}

export interface ChildOptions {
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  /** Open an IPC channel (`process.send` in the child). */
  readonly ipc?: boolean;
}

/** Starts `script` in its own Node process; its stderr goes to ours, its stdout is piped. */
export function startChild(script: string, options: ChildOptions = {}): ChildProcess {
  const loader = FROM_SOURCE ? ['-r', REGISTER_TS] : [];
  return spawn(
    process.execPath,
    [...loader, ...(options.nodeFlags ?? []), script, ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit', ...(options.ipc ? (['ipc'] as const) : [])],
    },
  );
}

/** Runs `script` to its end and parses the one JSON document it prints on stdout. */
export function runChild<T>(script: string, options: ChildOptions = {}): Promise<T> {
  const child = startChild(script, options);
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<T>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code ?? signal}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
      } catch {
        reject(new Error(`${script} printed no JSON document`));
      }
    });
  });
}
