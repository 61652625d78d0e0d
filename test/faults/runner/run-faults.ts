/**
 * `npm run faults [-- scenario …]`: runs the fault scenarios of issue #13 with their long
 * settings (every scenario when none is named), each as its Jest suites or built script in a
 * process of its own, against the build (`npm run build:bench` ran first: the service and
 * the benchmarks; SERVICE_PROCESS_ENTRY points the service processes at it). What each
 * records (FAULTS_FIGURES_FILE) is saved with its aims under test/faults/results/, and
 * FAULTS.md is written from the latest result of every scenario. A setting given in the environment (FAULTS_KILLS=20, say) wins over the
 * full run's, and FAULTS.md says which were used. `--report-only` only rewrites FAULTS.md
 * from the saved results. Exits 1 when a scenario failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { FaultResult } from './fault-result';
import type { FaultScenario, Figures } from './fault-scenario';
import { writeFaultsFile } from './faults-file';
import { SCENARIOS, scenarioNamed } from './scenarios';

const ROOT = join(__dirname, '..', '..', '..');
const RESULTS_DIR = join(ROOT, 'test', 'faults', 'results');
const JEST = [
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  'node_modules/jest/bin/jest.js',
];
const BUILT_SERVICE = 'dist/src/main.js';

function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reportOnly = args.includes('--report-only');
  const names = args.filter((arg) => arg !== '--report-only');
  const unknown = names.filter((name) => scenarioNamed(name) === undefined);
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = reportOnly
    ? []
    : names.length > 0
      ? SCENARIOS.filter((s) => names.includes(s.name))
      : SCENARIOS;
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const scenario of chosen) {
    const result = runScenario(scenario);
    writeFileSync(
      join(RESULTS_DIR, `${scenario.name}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const missed = scenario
      .aims(result.figures, result.passed)
      .filter((a) => a.met === false).length;
    console.error(
      `scenario ${scenario.name}: ${result.passed ? 'passed' : 'FAILED'} in ${result.seconds} s, ${missed} aim(s) not met`,
    );
    if (!result.passed) process.exitCode = 1;
  }
  const faultsFile = join(ROOT, 'FAULTS.md');
  console.error(`writing ${faultsFile}`);
  return writeFaultsFile(faultsFile, RESULTS_DIR, SCENARIOS);
}

function runScenario(scenario: FaultScenario): FaultResult {
  const settings = effectiveSettings(scenario);
  const workDir = mkdtempSync(join(tmpdir(), `consent-ledger-faults-${scenario.name}-`));
  const figuresFile = join(workDir, 'figures.jsonl');
  const loadAverageBefore = loadAverage();
  const started = new Date();
  console.error(`scenario ${scenario.name} (${describeSettings(settings)}):`);
  try {
    const env = {
      ...process.env,
      ...settings,
      FAULTS_FIGURES_FILE: figuresFile,
      SERVICE_PROCESS_ENTRY: BUILT_SERVICE,
    };
    const { run } = scenario;
    let passed: boolean;
    let figures: Figures[];
    if ('jest' in run) {
      const child = spawnSync(process.execPath, [...JEST, ...run.jest], {
        cwd: ROOT,
        env,
        stdio: 'inherit',
      });
      passed = child.status === 0;
      figures = recordedFigures(figuresFile, scenario.name);
    } else {
      const child = spawnSync(process.execPath, [join(ROOT, run.script)], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      passed = child.status === 0;
      figures = passed ? run.figuresOf(child.stdout) : [];
    }
    return {
      scenario: scenario.name,
      settings,
      commands: reproducingCommands(scenario, settings),
      commit: measuredCommit(),
      startedAt: started.toISOString(),
      seconds: Math.round((Date.now() - started.getTime()) / 1000),
      passed,
      machine: {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageBefore,
        loadAverageAfter: loadAverage(),
      },
      figures,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The full run's settings, each overridden by the environment when it names it. */
function effectiveSettings(scenario: FaultScenario): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(scenario.settings)) {
    settings[key] = process.env[key] ?? value;
  }
  for (const key of scenario.optionalSettings ?? []) {
    const value = process.env[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

function recordedFigures(file: string, scenario: string): Figures[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { scenario: string; figures: Figures })
    .filter((line) => line.scenario === scenario)
    .map((line) => line.figures);
}

function reproducingCommands(scenario: FaultScenario, settings: Record<string, string>): string[] {
  const variables = describeSettings(settings);
  const direct =
    'jest' in scenario.run
      ? `npm run build && ${variables} SERVICE_PROCESS_ENTRY=${BUILT_SERVICE} npm run test:jest -- ${scenario.run.jest.join(' ')}`
      : `npm run build:bench && ${variables} node ${scenario.run.script}`;
  return [
    `${variables} npm run faults -- ${scenario.name}`,
    `# or directly (Node 24 on PATH: . bin/with-node-24):`,
    direct,
  ];
}

function describeSettings(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function measuredCommit(): string {
  const git = (args: string[]) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  // The run's own output does not count as a change to what it measured.
  const changed =
    git(['status', '--porcelain', '--', '.', ':!FAULTS.md', ':!test/faults/results']) !== '';
  return changed ? `${commit} + changes` : commit;
}

function loadAverage(): number[] {
  return loadavg().map((value) => +value.toFixed(2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
