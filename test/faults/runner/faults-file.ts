import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { table, type Cell } from '../../../bench/support/markdown';
import type { FaultResult } from './fault-result';
import type { FaultScenario, Figures } from './fault-scenario';

const INTRO = `# Fault suite results

Written by \`npm run faults\` (docs/adr/0027-fault-suite.md) from the latest run of each
scenario (test/faults/results/). Each section says what was done, with which settings, on
which machine, the figures, each aim of issue #13 as met or not met, and the commands that
reproduce it. \`npm run faults -- <scenario …>\` runs a subset, and
\`npm run faults -- --report-only\` rewrites this file from the saved results; shortened
versions of the same suites run inside \`npm test\`. The machine is shared, so the timings are coloured by
whatever else ran (see the load averages).`;

/** FAULTS.md from the saved result of every scenario that has one, in the scenarios' order. */
export async function writeFaultsFile(
  path: string,
  resultsDir: string,
  scenarios: readonly FaultScenario[],
): Promise<void> {
  const sections = scenarios.flatMap((scenario) => {
    const file = join(resultsDir, `${scenario.name}.json`);
    if (!existsSync(file)) return [];
    return [section(scenario, JSON.parse(readFileSync(file, 'utf8')) as FaultResult)];
  });
  const markdown = [INTRO, ...sections].join('\n\n');
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(`${markdown}\n`, { ...options, filepath: path }));
}

function section(scenario: FaultScenario, result: FaultResult): string {
  const m = result.machine;
  const settings = Object.entries(result.settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return [
    `## ${scenario.title} (\`${scenario.name}\`)`,
    scenario.description,
    `Run ${result.startedAt} on commit ${result.commit ?? 'unknown'}, ${result.seconds} s, ` +
      `${result.passed ? 'passed' : '**FAILED**'}; ` +
      `settings: \`${settings || 'defaults'}\`. Machine: ${m.cores} cores (${m.cpuModel}), ` +
      `${m.memoryGiB} GiB, Node ${m.node}; load average ${m.loadAverageBefore.join(' / ')} before, ` +
      `${m.loadAverageAfter.join(' / ')} after (1 / 5 / 15 min).`,
    '### Aims',
    table(
      ['aim', 'met', 'measured'],
      scenario
        .aims(result.figures, result.passed)
        .map((a) => [
          a.aim,
          a.met === undefined ? 'not judged' : a.met ? 'met' : '**not met**',
          a.measured,
        ]),
    ),
    '### Figures',
    result.figures.length === 0 ? 'The run recorded no figures.' : figuresTable(result.figures),
    '### Reproduce',
    ['```sh', ...result.commands, '```'].join('\n'),
  ].join('\n\n');
}

/** One row per figure, one column per record (a store, say). */
function figuresTable(figures: readonly Figures[]): string {
  const keys = [...new Set(figures.flatMap((f) => Object.keys(f)))];
  const labels = figures.map((f, i) =>
    typeof f.store === 'string' ? f.store : figures.length === 1 ? 'value' : `record ${i + 1}`,
  );
  return table(
    ['figure', ...labels],
    keys.map((key) => [key, ...figures.map((f) => cellOf(f[key]))]),
  );
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}
