import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointSigningKey,
  logOrigin,
} from '../../src/audit/checkpoints/checkpoint-signing-key';
import { bundleEntryOf, serializeBundleLine } from '../../src/audit/export/bundle-lines';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleLine,
} from '../../src/audit/export/export-bundle';
import { StreamChains } from '../../src/audit/log/stream-chains';
import { MapHashStore } from '../../src/audit/merkle/map-hash-store';
import { appendLeaf, inclusionProof, treeRoot } from '../../src/audit/merkle/merkle-tree';
import { formatCheckpoint } from '../../src/audit/note/checkpoint';
import {
  formatSignerKey,
  generateEd25519Seed,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import { signNote } from '../../src/audit/note/signed-note';
import { verifyBundleFile } from '../../src/audit/verify/verify-bundle';
import { median } from '../support/stats';
import { BENCH_TENANT, benchEvent } from './bench-events';
import type { AuditBenchSettings } from './bench-settings';

const ORIGIN_HOST = 'bench.consent-ledger.local';

export interface VerificationFigures {
  readonly events: number;
  readonly bundleBytes: number;
  readonly writeSeconds: number;
  /** Median over the runs of `verifyBundleFile`: read, parse, leaf, proof, order, span. */
  readonly eventsPerSecond: number;
  readonly eventsPerSecondByRun: number[];
}

/**
 * Offline verification speed on a time-range bundle of `bundleEvents` events of one tenant
 * log: the bundle is written once (tree built in memory, one inclusion proof per event
 * against one signed checkpoint), then verified from the file `runs` times.
 */
export async function measureBundleVerification(
  settings: AuditBenchSettings,
  dir: string,
): Promise<VerificationFigures> {
  const path = join(dir, 'bundle.jsonl');
  const started = process.hrtime.bigint();
  const verifierKey = await writeBundle(path, settings.bundleEvents);
  const writeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const verifier = parseVerifierKey(verifierKey);

  const rates: number[] = [];
  for (let run = 0; run < settings.runs; run++) {
    let failures = 0;
    const t0 = process.hrtime.bigint();
    const summary = await verifyBundleFile(path, verifier, { onFailure: () => (failures += 1) });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (failures > 0 || summary.events !== settings.bundleEvents) {
      throw new Error(`the bench bundle did not verify: ${failures} failures`);
    }
    rates.push(Math.round(summary.events / seconds));
    process.stderr.write(`  verification run ${run + 1}: ${rates[rates.length - 1]} events/s\n`);
  }
  return {
    events: settings.bundleEvents,
    bundleBytes: statSync(path).size,
    writeSeconds: +writeSeconds.toFixed(1),
    eventsPerSecond: Math.round(median(rates)),
    eventsPerSecondByRun: rates,
  };
}

/** Writes the bundle; returns the verifier key of the log it is for. */
async function writeBundle(path: string, events: number): Promise<string> {
  const origin = logOrigin(ORIGIN_HOST, BENCH_TENANT);
  const parsed = parseSignerKey(formatSignerKey(ORIGIN_HOST, generateEd25519Seed()));
  const key = new CheckpointSigningKey(parsed.privateKey, parsed.publicKey);
  const tree = new MapHashStore();
  // Chained leaves, as the log appends them now (docs/adr/0041); made again, alike, below.
  const hashing = new StreamChains(() => 0);
  for (let n = 0; n < events;) {
    n = await appendLeaf(tree, n, hashing.next(benchEvent(n), BENCH_TENANT, n).hash);
  }
  const rootHash = await treeRoot(tree, events);
  const note = signNote(formatCheckpoint({ origin, size: events, rootHash }), [
    key.signerFor(origin),
  ]);

  const file = createWriteStream(path);
  const write = async (line: BundleLine) => {
    if (!file.write(serializeBundleLine(line))) await once(file, 'drain');
  };
  await write({
    kind: 'header',
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    tenant: BENCH_TENANT,
    origin,
    exportedAt: new Date().toISOString(),
    selection: { kind: 'recorded-between', from: null, to: null },
    checkpoint: { note },
  });
  const linking = new StreamChains(() => 0);
  for (let n = 0; n < events; n++) {
    const event = benchEvent(n);
    const { link } = linking.next(event, BENCH_TENANT, n);
    await write(bundleEntryOf(event, n, await inclusionProof(tree, n, events), link));
  }
  await write({ kind: 'end', eventCount: events, leafSpan: { first: 0, end: events } });
  file.end();
  await once(file, 'finish');
  return key.verifierKeyFor(origin);
}
