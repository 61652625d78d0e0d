/**
 * `npm run bench -- audit`: the provable audit trail's costs. Leaves appended per second
 * (leaf hashing plus tree append into the in-memory hash store, and into the SQL hash store
 * on SQLite and PostgreSQL) next to raw node:crypto SHA-256 over the same leaf inputs (the
 * limit); inclusion-proof latency on a tree of BENCH_PROOF_LEAVES (default 1M) leaves built
 * by appending, and on one of BENCH_PROOF_LEAVES_LARGE (default 10M, 0 skips) built directly
 * and bulk-loaded (see large-tree.ts); and
 * offline verification events/s on a bundle of BENCH_EVENTS (default 1M) events. Medians of
 * BENCH_RUNS (default 5) runs. Prints one JSON document on stdout, progress on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditBenchSettings } from './bench-settings';
import { measureBundleVerification } from './bundle-verification';
import { type LargeProofFigures, measureLargeProofLatency } from './large-tree';
import { measureLeafAppend } from './leaf-append';
import { measureProofLatency } from './proof-latency';

async function main(): Promise<void> {
  const settings = auditBenchSettings(process.env);
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-audit-'));
  try {
    process.stderr.write('  leaf append…\n');
    const append = await measureLeafAppend(settings, dir);
    process.stderr.write(`  ${JSON.stringify(append)}\n  inclusion proofs…\n`);
    const proofs = await measureProofLatency(settings, dir);
    process.stderr.write(`  ${JSON.stringify(proofs)}\n`);
    let largeProofs: LargeProofFigures | null = null;
    if (settings.largeProofTreeLeaves > 0) {
      process.stderr.write(`  inclusion proofs at ${settings.largeProofTreeLeaves} leaves…\n`);
      largeProofs = await measureLargeProofLatency(settings, dir);
      process.stderr.write(`  ${JSON.stringify(largeProofs)}\n`);
    }
    process.stderr.write('  offline verification…\n');
    const verification = await measureBundleVerification(settings, dir);
    process.stdout.write(
      JSON.stringify({ scenario: 'audit', settings, append, proofs, largeProofs, verification }),
    );
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
