import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EventStore } from '../../src/event-store/event-store.port';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(__dirname, 'append-worker.ts');
const REGISTER = join(ROOT, 'test', 'support', 'register-ts.js');

export interface Ack {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
}

/**
 * Starts the append worker, lets it run for a random moment after its first
 * acknowledgement, kills it with SIGKILL and returns every event it acknowledged.
 */
export function runAndKill(env: Record<string, string>, maxRunMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, WORKER], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      // A line cut by the kill has no newline yet: it was never fully acknowledged.
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [tag, id, stream, revision] = line.split(' ');
        if (tag !== 'ack' || !id || !stream || revision === undefined) continue;
        acks.push({ id, stream, revision: Number(revision) });
        if (!timer) {
          timer = setTimeout(() => child.kill('SIGKILL'), Math.random() * maxRunMs);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`worker exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

/**
 * Every acknowledged event is stored exactly once, at its revision, in global order.
 * Returns the problems found (empty when the store is intact); plain loops rather than
 * one `expect` per event keep the check fast on six-figure event counts.
 */
export async function findDurabilityProblems(
  store: EventStore,
  acks: readonly Ack[],
): Promise<string[]> {
  const problems: string[] = [];
  const feed = await store.readAll();
  const byId = new Map(feed.map((e) => [e.id, e]));
  if (byId.size !== feed.length) problems.push('an event id occurs twice in the feed');
  for (const ack of acks) {
    const stored = byId.get(ack.id);
    if (!stored) problems.push(`acknowledged event ${ack.id} is missing`);
    else if (stored.streamName !== ack.stream || stored.streamRevision !== ack.revision) {
      problems.push(`event ${ack.id} moved to ${stored.streamName}@${stored.streamRevision}`);
    }
  }
  for (let i = 1; i < feed.length; i++) {
    if (feed[i]!.globalPosition <= feed[i - 1]!.globalPosition) {
      problems.push(`global order broken at position ${feed[i]!.globalPosition}`);
    }
  }
  const nextRevision = new Map<string, number>();
  for (const e of feed) {
    const expected = nextRevision.get(e.streamName) ?? 0;
    if (e.streamRevision !== expected) {
      problems.push(`stream ${e.streamName}: revision ${e.streamRevision}, expected ${expected}`);
    }
    nextRevision.set(e.streamName, e.streamRevision + 1);
  }
  return problems.slice(0, 20);
}
