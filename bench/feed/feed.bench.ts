/**
 * `npm run bench -- feed`: the permission-change feed delivered over Server-Sent Events to 1
 * and to 100 consumers while commands run (`feed-load.ts`), with the service in its own
 * process on a fresh DATA_DIR (durable SQLite, as deployed). Changes per second delivered
 * (summed over consumers) and the lag from a command's answer to its change reaching a
 * consumer. A lag below zero (the change arrived before the answer was read) counts as 0.
 * Prints one JSON document on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAuthorization } from '../support/bench-api-key';
import { runChildForJson, startChildService } from '../support/child-service';
import type { FeedLoadInput, FeedLoadOutput } from './feed-load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
const WORKERS = Number(process.env.BENCH_WRITERS ?? '8');
const CONSUMERS = (process.env.BENCH_FEED_CONSUMERS ?? '1,100').split(',').map(Number);
const CATCH_UP_TIMEOUT_SECONDS = 60;

async function runOnce(consumers: number): Promise<FeedLoadOutput> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-bench-feed-'));
  try {
    const service = await startChildService(
      join(__dirname, '..', 'commands', 'command-server.js'),
      {
        ...process.env,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_REQUESTS: '10000000',
        INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
      },
    );
    try {
      const input: FeedLoadInput = {
        port: service.port,
        authorization: await benchAuthorization(service, dataDir, 'feed-bench'),
        consumers,
        workers: WORKERS,
        seconds: SECONDS,
        catchUpTimeoutSeconds: CATCH_UP_TIMEOUT_SECONDS,
      };
      return await runChildForJson<FeedLoadOutput>(
        join(__dirname, 'feed-load.js'),
        input,
        (SECONDS + CATCH_UP_TIMEOUT_SECONDS + 120) * 1000,
      );
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs: FeedLoadOutput[] = [];
  for (const consumers of CONSUMERS) {
    const run = await runOnce(consumers);
    console.error(`feed: ${JSON.stringify(run)}`);
    runs.push(run);
  }
  process.stdout.write(
    `${JSON.stringify({ settings: { seconds: SECONDS, writers: WORKERS }, runs }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
