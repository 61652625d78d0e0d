/**
 * Benchmark runner: `npm run bench -- [scenario …]`. Each scenario runs in its own
 * process (so one scenario's heap and JIT state do not colour the next); its JSON result
 * is saved under bench/results/ with the machine it ran on, and summarised here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from './support/machine';

const SCENARIOS: Record<string, string> = {
  append: join(__dirname, 'append', 'append.bench.js'),
  check: join(__dirname, 'check', 'check.bench.js'),
  rebuild: join(__dirname, 'rebuild', 'rebuild.bench.js'),
  audit: join(__dirname, 'audit', 'audit.bench.js'),
};

function main(): void {
  const requested = process.argv.slice(2);
  const names = requested.length > 0 ? requested : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
    );
    process.exit(2);
  }
  const machine = describeMachine();
  console.error(`machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  for (const name of names) {
    console.error(`scenario ${name}:`);
    const child = spawnSync(process.execPath, [SCENARIOS[name]!], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      console.error(`scenario ${name} failed with exit code ${child.status ?? child.signal}`);
      process.exitCode = 1;
      continue;
    }
    const result = { machine, ...(JSON.parse(child.stdout) as object) };
    const file = join(resultsDir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    console.error(`saved ${file}`);
  }
}

main();
