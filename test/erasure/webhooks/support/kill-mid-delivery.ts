import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WebhookReceiver } from './webhook-receiver';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'register-ts.js');
const CHILD = join(__dirname, '..', 'fixtures', 'webhook-child.ts');

/** Loopback webhooks, allowed over http, with quick retries, for the crash tests. */
export const CRASH_WEBHOOK_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_POLL_INTERVAL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_MS: '40',
  // Long enough that a busy test machine does not turn the resend into a timed-out attempt
  // (the lease a dead sender leaves is twice this, plus a margin: the test waits for it).
  WEBHOOK_RESPONSE_TIMEOUT_MS: '3000',
};

/**
 * Runs the webhook child (fixtures/webhook-child.ts) on `dataDir` with its webhook at
 * `path` until the processor receives its first request there (which the test's script
 * holds unanswered, so no outcome is recorded), then kills it with SIGKILL. Resolves with
 * what the child reported, once it has reported every one of `needed`.
 */
export function runAndKillMidDelivery<Key extends string>(
  dataDir: string,
  receiver: WebhookReceiver,
  path: string,
  env: Record<string, string>,
  needed: readonly Key[],
): Promise<Record<Key, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATA_DIR: dataDir, WEBHOOK_URL: receiver.url(path) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const seen: Record<string, string> = {};
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      Object.assign(seen, JSON.parse(line) as Record<string, string>);
    });
    receiver.onRequest((request) => {
      if (request.path === path && !killed) killed = child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && killed && needed.every((key) => seen[key])) {
        resolve(seen);
      } else reject(new Error(`webhook child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}
