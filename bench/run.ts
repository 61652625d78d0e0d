/**
 * Benchmark runner: `npm run bench -- [scenario …]`, every scenario when none is named;
 * `npm run bench -- --report-only` only regenerates BENCHMARKS.md from the saved results.
 * Each scenario runs in its own process (so one scenario's heap and JIT state do not colour
 * the next) and is stopped after BENCH_SCENARIO_TIMEOUT_S; its JSON result is saved under
 * bench/results/ with the machine it ran on, and BENCHMARKS.md is regenerated from the
 * latest result of every scenario.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendHeadline, renderAppend } from './append/append-report';
import { auditHeadline, renderAudit } from './audit/audit-report';
import { commandsHeadline, renderCommands } from './commands/commands-report';
import { keepupHeadline, renderKeepup } from './keepup/keepup-report';
import { overloadHeadline, renderOverload } from './overload/overload-report';
import { feedHeadline } from './feed/feed-report';
import { type ScenarioReport, writeBenchmarksFile } from './support/benchmarks-file';
import { describeMachine } from './support/machine';

const SCENARIOS: Record<string, string> = {
  append: join(__dirname, 'append', 'append.bench.js'),
  commands: join(__dirname, 'commands', 'commands.bench.js'),
  check: join(__dirname, 'check', 'check.bench.js'),
  rebuild: join(__dirname, 'rebuild', 'rebuild.bench.js'),
  audit: join(__dirname, 'audit', 'audit.bench.js'),
  keepup: join(__dirname, 'keepup', 'keepup.bench.js'),
  overload: join(__dirname, 'overload', 'overload.bench.js'),
  feed: join(__dirname, 'feed', 'feed.bench.js'),
};

const REPORTS: ScenarioReport[] = [
  { name: 'append', title: '1. Append', render: renderAppend, headline: appendHeadline },
  {
    name: 'commands',
    title: '2. Commands end to end (HTTP)',
    render: renderCommands,
    headline: commandsHeadline,
  },
  { name: 'check', title: '3. Checks', headline: ratiosHeadline('check') },
  { name: 'rebuild', title: '4. Rebuild' },
  { name: 'audit', title: '5. Audit trail', render: renderAudit, headline: auditHeadline },
  {
    name: 'keepup',
    title: '6. Projections keeping up under sustained load',
    render: renderKeepup,
    headline: keepupHeadline,
  },
  {
    name: 'overload',
    title: '7. Overload',
    render: renderOverload,
    headline: overloadHeadline,
  },
  { name: 'feed', title: '8. Permission-change feed (Server-Sent Events)', headline: feedHeadline },
];

const TIMEOUT_S = Number(process.env.BENCH_SCENARIO_TIMEOUT_S ?? '3600');

/** Headline lines from a scenario's `ratios` object of numbers, whatever its keys. */
function ratiosHeadline(scenario: string) {
  return (result: { ratios?: Record<string, unknown> }) =>
    Object.entries(result.ratios ?? {})
      .filter(([, value]) => typeof value === 'number')
      .map(([key, value]) => `${scenario}: ${key} ${String(value)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `--report-only` regenerates BENCHMARKS.md from the saved results without measuring.
  const reportOnly = args.includes('--report-only');
  const requested = args.filter((arg) => arg !== '--report-only');
  const names = reportOnly ? [] : requested.length > 0 ? requested : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
    );
    process.exit(2);
  }
  const machine = describeMachine();
  console.error(`machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const root = join(__dirname, '..', '..');
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  for (const name of names) {
    console.error(`scenario ${name}:`);
    const started = Date.now();
    const child = spawnSync(process.execPath, [SCENARIOS[name]!], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: TIMEOUT_S * 1000,
      killSignal: 'SIGKILL',
    });
    if (child.status !== 0) {
      const why = child.error ? child.error.message : (child.status ?? child.signal);
      console.error(`scenario ${name} failed (${String(why)})`);
      process.exitCode = 1;
      continue;
    }
    const result = {
      machine: { ...describeMachine(), date: new Date(started).toISOString() },
      ...(JSON.parse(child.stdout) as object),
    };
    const file = join(resultsDir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.error(`saved ${file} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const benchmarks = join(root, 'BENCHMARKS.md');
  await writeBenchmarksFile(benchmarks, resultsDir, REPORTS);
  console.error(`wrote ${benchmarks}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
