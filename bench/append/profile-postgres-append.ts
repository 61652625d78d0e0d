/**
 * Where a PostgreSQL append goes, without pg_stat_statements: appends this project's adapter
 * at BENCH_WRITERS (default 1,8) writers for BENCH_SECONDS and counts, on the client side,
 * the statements sent and the transactions (groups) they formed. Run it under `--cpu-prof`
 * for the JavaScript side:
 *
 *   npm run build:bench && node --cpu-prof --cpu-prof-dir=/tmp/pg-prof dist/bench/append/profile-postgres-append.js
 *
 * Prints one JSON document on stdout.
 */
import { Client } from 'pg';
import { timedLoop } from '../support/timed-loop';
import { postgresOurs } from './append-targets';

const SECONDS = Number(process.env.BENCH_SECONDS ?? '3');
const WRITERS = (process.env.BENCH_WRITERS ?? '1,8').split(',').map(Number);

/** Counts every statement any pg client sends, by its first words. */
function countStatements(): Map<string, number> {
  const counts = new Map<string, number>();
  const original = Client.prototype.query;
  const counting = function (this: Client, ...args: unknown[]) {
    const config = args[0] as string | { name?: string; text?: string };
    const text = typeof config === 'string' ? config : (config.name ?? config.text ?? '?');
    const key = text.trim().split(/\s+/).slice(0, 2).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = counting as typeof Client.prototype.query;
  return counts;
}

async function main() {
  const counts = countStatements();
  const results = [];
  for (const writers of WRITERS) {
    const target = await postgresOurs.open(writers);
    counts.clear();
    let appends = 0;
    try {
      const loop = await timedLoop(writers, SECONDS, 0, async (w) => {
        await target.append(w);
        appends += 1;
      });
      const groups = counts.get('BEGIN') ?? 0;
      results.push({
        writers,
        appendsPerSecond: Math.round(loop.operations / loop.seconds),
        p50Ms: +loop.p50Ms.toFixed(3),
        appends,
        groups,
        appendsPerGroup: +(appends / groups).toFixed(2),
        statementsPerGroup: +([...counts.values()].reduce((a, b) => a + b, 0) / groups).toFixed(2),
        statements: Object.fromEntries(counts),
      });
    } finally {
      await target.close();
    }
  }
  process.stdout.write(JSON.stringify({ seconds: SECONDS, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
