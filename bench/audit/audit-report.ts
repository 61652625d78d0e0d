import { ratio, table } from '../support/markdown';
import type { AuditBenchSettings } from './bench-settings';
import type { VerificationFigures } from './bundle-verification';
import type { LargeProofFigures } from './large-tree';
import type { LeafAppendFigures } from './leaf-append';
import type { ProofFigures } from './proof-latency';

interface AuditResult {
  readonly settings: AuditBenchSettings;
  readonly append: LeafAppendFigures;
  readonly proofs: ProofFigures;
  readonly largeProofs?: LargeProofFigures | null;
  readonly verification: VerificationFigures;
}

export function renderAudit(result: AuditResult): string {
  const { append, proofs, largeProofs, verification } = result;
  const limit = append.rawSha256PerSecond;
  const leafTable = table(
    ['leaves/s', 'value', 'ours/limit'],
    [
      ['raw node:crypto SHA-256 of the same leaf inputs (limit)', limit, 1],
      [
        'leaf hashing (canonical JSON + SHA-256)',
        append.leafHashPerSecond,
        ratio(append.leafHashPerSecond, limit),
      ],
      [
        'hash + append, in-memory hash store',
        append.appendMemoryPerSecond,
        ratio(append.appendMemoryPerSecond, limit),
      ],
      [
        'hash + append, SQLite hash store',
        append.appendSqlitePerSecond,
        ratio(append.appendSqlitePerSecond, limit),
      ],
      [
        `hash + append, PostgreSQL hash store (${append.appendPostgresLeaves} leaves)`,
        append.appendPostgresPerSecond,
        ratio(append.appendPostgresPerSecond, limit),
      ],
    ],
  );
  const proofRows = [proofs, ...(largeProofs ? [largeProofs] : [])].flatMap((figures) =>
    figures.latencies.map((l) => [figures.treeLeaves, l.store, l.p50Ms, l.p99Ms, l.proofNodes]),
  );
  const proofTable = table(['tree leaves', 'store', 'p50 ms', 'p99 ms', 'nodes read'], proofRows);
  const large = largeProofs
    ? `The ${largeProofs.treeLeaves}-leaf tree: ${largeProofs.method}; hashing took ` +
      `${largeProofs.buildSeconds} s, loading ${Object.entries(largeProofs.loadSeconds)
        .map(([store, s]) => `${s} s into ${store}`)
        .join(', ')}.`
    : 'The large tree was not measured (BENCH_PROOF_LEAVES_LARGE=0).';
  return [
    `Median of ${result.settings.runs} runs; ${append.leaves} leaves of ${append.leafInputBytes} bytes on average.`,
    leafTable,
    `Inclusion proofs (${proofs.proofsPerRun} random leaves per run, at the latest tree size):`,
    proofTable,
    large,
    `Offline verification of a ${verification.events}-event bundle (${verification.bundleBytes} bytes): ` +
      `**${verification.eventsPerSecond} events/s**.`,
  ].join('\n\n');
}

export function auditHeadline(result: AuditResult): string[] {
  const { append, proofs, largeProofs } = result;
  const proofLine = (figures: ProofFigures) =>
    `inclusion proof at ${figures.treeLeaves} leaves, p50: ` +
    figures.latencies.map((l) => `${l.store} ${l.p50Ms} ms`).join(', ');
  return [
    `audit leaf hashing / raw SHA-256 (limit): ${ratio(append.leafHashPerSecond, append.rawSha256PerSecond)}; ` +
      `hash + append into SQLite / limit: ${ratio(append.appendSqlitePerSecond, append.rawSha256PerSecond)}`,
    proofLine(proofs),
    ...(largeProofs ? [proofLine(largeProofs)] : []),
    `offline bundle verification: ${result.verification.eventsPerSecond} events/s`,
  ];
}
