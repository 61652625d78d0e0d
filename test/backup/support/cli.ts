import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const REGISTER_TS = join(ROOT, 'test', 'support', 'register-ts.js');
const CLI = join(__dirname, 'backup-process.ts');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `consent-ledger backup|restore <args>` from the sources in a child process, with `env` added. */
export function cli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', REGISTER_TS, CLI, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 50_000 },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ code: 0, stdout, stderr });
        if (typeof error.code !== 'number')
          return reject(new Error(error.message, { cause: error }));
        resolve({ code: error.code, stdout, stderr });
      },
    );
  });
}

/** Collects what a command run in process prints. */
export function capture(): {
  line(text: string): void;
  error(text: string): void;
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, line: (text) => out.push(text), error: (text) => err.push(text) };
}
