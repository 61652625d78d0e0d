import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleLine } from '../../../src/audit/export/export-bundle';
import type { HttpTarget } from '../../support/http-target';

const ROOT = join(__dirname, '..', '..', '..');

export interface ExportVerification {
  /** `consent-ledger verify`'s exit code: 0 verified. */
  readonly exitCode: number;
  readonly report: string;
  /** Positions of the bundle's events that have a leaf in the tenant log. */
  readonly provenPositions: ReadonlySet<bigint>;
  /** The checkpoint every proof of the bundle leads to. */
  readonly checkpointNote: string;
}

/**
 * Exports the tenant's whole log (`GET /v1/audit/exports` with no time bounds, which is what
 * `consent-ledger export --from`/`--to` left open writes too) to `file`, then checks it with
 * the `consent-ledger verify` command in a process of its own, as an auditor would.
 */
export async function exportAndVerify(
  target: HttpTarget,
  file: string,
  verifierKey: string,
): Promise<ExportVerification> {
  const answer = await target.get('/v1/audit/exports?from=1970-01-01T00:00:00Z');
  if (answer.statusCode !== 200) {
    throw new Error(`the whole-log export answered ${answer.statusCode}: ${answer.body}`);
  }
  writeFileSync(file, answer.body);
  const lines = answer.body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BundleLine);
  const provenPositions = new Set<bigint>();
  let checkpointNote = '';
  for (const line of lines) {
    if (line.kind === 'header') checkpointNote = line.checkpoint.note;
    if (line.kind === 'event' && line.leafIndex !== null) {
      provenPositions.add(BigInt(line.event.globalPosition));
    }
  }
  const { exitCode, output } = await runCli(['verify', file, '--key', verifierKey]);
  return { exitCode, report: output, provenPositions, checkpointNote };
}

/**
 * The CLI as built (`dist/`, when the fault run built it and set SERVICE_PROCESS_ENTRY), or
 * the sources compiled on load.
 */
function runCli(args: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const entry = process.env.SERVICE_PROCESS_ENTRY
    ? [join(ROOT, 'dist', 'src', 'cli', 'main.js')]
    : ['-r', join(ROOT, 'test', 'support', 'register-ts.js'), join(ROOT, 'src', 'cli', 'main.ts')];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entry, ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ exitCode: code, output: `${stdout}${stderr}` });
      },
    );
  });
}
