/**
 * `npm run bench -- rebuild`: only the rebuild and memory parts of the check scenario —
 * `Projector.rebuild` events/s of consent_state and flow_windows over BENCH_EVENTS
 * (default 1M) subject events, and the RSS of a process holding BENCH_RSS_SUBJECTS
 * (default 1M) subjects' consent state. Medians of BENCH_RUNS (default 5) runs. Prints
 * one JSON document on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRebuildSection } from './rebuild-section';
import { rebuildSettings } from './rebuild-settings';

async function main(): Promise<void> {
  const settings = rebuildSettings(process.env);
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-rebuild-'));
  try {
    const section = await measureRebuildSection(settings, dir);
    process.stdout.write(JSON.stringify({ scenario: 'rebuild', settings, ...section }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
