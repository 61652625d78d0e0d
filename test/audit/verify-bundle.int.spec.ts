import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logOrigin } from '../../src/audit/checkpoints/checkpoint-signing-key';
import type { BundleHeader } from '../../src/audit/export/export-bundle';
import {
  formatSignerKey,
  formatVerifierKey,
  generateEd25519Seed,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import { formatFailure } from '../../src/audit/verify/verification-failure';
import { runVerify, VERIFY_EXIT } from '../../src/cli/verify.command';
import { subjectStream } from '../../src/shared/tenancy/stream-names';
import { ProjectedFlowWindows } from '../../src/read-side/queries/get-flow-windows/projected-flow-windows';
import {
  exportLines,
  type Ledger,
  openLedger,
  ORIGIN,
  ORIGIN_HOST,
  OTHER_TENANT,
  TENANT,
  verifyLines,
} from './export-fixtures';

type Line = Record<string, unknown>;

/** The bundle with line `index` rewritten by `change` (which edits a parsed copy). */
function edited(lines: readonly string[], index: number, change: (line: Line) => void): string[] {
  const copy = [...lines];
  const line = JSON.parse(copy[index]!) as Line;
  change(line);
  copy[index] = JSON.stringify(line);
  return copy;
}

interface MutableEntry {
  event: Line;
  leafIndex: number;
  inclusionProof: string[];
}
const entryOf = (line: Line) => line as unknown as MutableEntry;
const headerOf = (line: Line) => line as unknown as BundleHeader;

describe('the offline verifier', () => {
  let ledger: Ledger;
  let subjectBundle: string[];
  let rangeBundle: string[];
  let dir: string;
  const publicKey = () => ledger.signingKey.publicKey;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-verify-'));
    ledger = await openLedger('sqlite', { subjects: 6, seed: 23 });
    await ledger.sign();
    const subjectId = await subjectWithClosedWindow();
    const exporter = ledger.exporter();
    subjectBundle = (
      await exportLines(exporter, { tenant: TENANT, selection: { kind: 'subject', subjectId } })
    ).lines;
    rangeBundle = (
      await exportLines(exporter, { tenant: TENANT, selection: { kind: 'recorded-between' } })
    ).lines;
  });

  afterAll(async () => {
    await ledger?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A subject of at least three events with a closed window, so that every check has a target. */
  async function subjectWithClosedWindow(): Promise<string> {
    const windows = new ProjectedFlowWindows(ledger.stores.readStore);
    for (const subjectId of ledger.subjects) {
      const combinations = await windows.read(TENANT, subjectId, {});
      const stream = await ledger.stores.eventStore.readStream(subjectStream(TENANT, subjectId));
      const closed = combinations?.some((c) => c.windows.some((w) => w.end !== undefined));
      if (closed && stream.length >= 3) return subjectId;
    }
    throw new Error('no subject of the seed has three events and a closed window');
  }

  async function failuresOf(lines: readonly string[], key = ledger.verifier): Promise<string[]> {
    return (await verifyLines(lines, key)).failures.map(formatFailure);
  }

  /** Index of the first event line of the subject's stream (not a policy event). */
  function subjectLine(lines: readonly string[], nth = 0): number {
    const indexes = lines
      .map((line, i) => ({ line: JSON.parse(line) as Line, i }))
      .filter(
        ({ line }) => line.kind === 'event' && entryOf(line).event.type !== 'policy-published',
      );
    return indexes[nth]!.i;
  }

  function eventName(lines: readonly string[], index: number): string {
    const { event } = entryOf(JSON.parse(lines[index]!) as Line);
    return `event ${String(event.id)} (position ${String(event.globalPosition)})`;
  }

  it('verifies genuine bundles without a single failure', async () => {
    expect(await failuresOf(subjectBundle)).toEqual([]);
    expect(await failuresOf(rangeBundle)).toEqual([]);
  });

  it('refuses a checkpoint signed by another key, or under another log’s name', async () => {
    const stranger = parseSignerKey(formatSignerKey(ORIGIN_HOST, generateEd25519Seed()));
    expect(
      await failuresOf(
        subjectBundle,
        parseVerifierKey(formatVerifierKey(ORIGIN, stranger.publicKey)),
      ),
    ).toEqual([
      'checkpoint: the signed checkpoint does not verify with the key: the note carries no signature by a trusted key',
    ]);
    const otherOrigin = logOrigin(ORIGIN_HOST, OTHER_TENANT);
    const failures = await failuresOf(
      subjectBundle,
      parseVerifierKey(formatVerifierKey(otherOrigin, publicKey())),
    );
    expect(failures).toContain(
      `checkpoint: the verifier key is for the log ${otherOrigin}, the bundle for the log ${ORIGIN}`,
    );
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bundle that claims another origin than its checkpoint’s', async () => {
    const otherOrigin = logOrigin(ORIGIN_HOST, OTHER_TENANT);
    const lines = edited(subjectBundle, 0, (header) => {
      header.origin = otherOrigin;
    });
    const failures = await failuresOf(
      lines,
      parseVerifierKey(formatVerifierKey(otherOrigin, publicKey())),
    );
    expect(failures).toContain(
      `checkpoint: the origin ${otherOrigin} is not a log of the tenant ${TENANT}`,
    );
    expect(
      failures.some((f) => f.startsWith('checkpoint: the signed checkpoint does not verify')),
    ).toBe(true);
  });

  it('names the event whose data changed by one character', async () => {
    const index = subjectLine(subjectBundle, 1);
    const lines = edited(subjectBundle, index, (line) => {
      const data = entryOf(line).event.data as Record<string, unknown>;
      data.occurredAt = String(data.occurredAt).replace(/.$/, 'X');
    });
    const failures = await failuresOf(lines);
    expect(failures.filter((f) => f.startsWith(eventName(subjectBundle, index)))).toHaveLength(1);
    expect(failures[0]).toMatch(/is not in the checkpoint's tree of \d+ leaves/);
  });

  it('names the event whose proof, leaf index or position was changed', async () => {
    const index = subjectLine(subjectBundle, 0);
    const name = eventName(subjectBundle, index);
    const proof = edited(subjectBundle, index, (line) => {
      const entry = entryOf(line);
      const first = Buffer.from(entry.inclusionProof[0]!, 'base64');
      first[0] = first[0]! ^ 0x01;
      entry.inclusionProof[0] = first.toString('base64');
    });
    expect(await failuresOf(proof)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${escape(name)}: leaf \\d+ recomputed from the event is not in the checkpoint's tree`,
        ),
      ),
    ]);
    const leaf = edited(subjectBundle, index, (line) => {
      entryOf(line).leafIndex += 1;
    });
    expect((await failuresOf(leaf)).some((f) => f.startsWith(name))).toBe(true);
    const position = edited(subjectBundle, index, (line) => {
      const event = entryOf(line).event;
      event.globalPosition = String(BigInt(String(event.globalPosition)) + 1n);
    });
    expect((await failuresOf(position)).length).toBeGreaterThanOrEqual(1);
  });

  it('reports an event without a leaf, and one filed under another tenant', async () => {
    const index = subjectLine(subjectBundle, 0);
    const name = eventName(subjectBundle, index);
    const leafless = edited(subjectBundle, index, (line) => {
      line.leafIndex = null;
      line.inclusionProof = [];
    });
    const leaflessLeaf = entryOf(JSON.parse(subjectBundle[index]!) as Record<string, unknown>);
    const [noLeaf, ...chain] = await failuresOf(leafless);
    expect(noLeaf).toBe(
      `${name}: the service's audit log holds no leaf for this event: it is not provably in the log`,
    );
    // The next event of the stream links to the leaf the bundle no longer names.
    expect(chain).toEqual([
      expect.stringContaining(
        `links to leaf ${String(leaflessLeaf.leafIndex)}, the previous event of stream ${String(leaflessLeaf.event.streamName)}, which the bundle does not hold`,
      ),
    ]);
    const elsewhere = edited(subjectBundle, index, (line) => {
      entryOf(line).event.metadata = { tenantId: OTHER_TENANT };
    });
    const failures = await failuresOf(elsewhere);
    expect(failures).toContain(
      `${name}: it belongs to the log ${OTHER_TENANT}, not to the tenant ${TENANT}`,
    );
    // The changed leaf is no longer the one the stream's next leaf links to.
    expect(
      failures
        .filter((f) => !f.startsWith(name))
        .every((f) => f.includes('with a hash that is not the hash of the leaf the bundle holds')),
    ).toBe(true);
  });

  it('reports events out of feed order, and a subject stream with a revision missing', async () => {
    const a = subjectLine(subjectBundle, 0);
    const b = subjectLine(subjectBundle, 1);
    const swapped = [...subjectBundle];
    [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
    const failures = await failuresOf(swapped);
    expect(failures.some((f) => f.includes('leaf order and feed order disagree'))).toBe(true);
    expect(failures.some((f) => f.includes('the bundle is not in feed order'))).toBe(true);

    const removed = subjectBundle.filter((_, i) => i !== b);
    const gaps = await failuresOf(removed);
    expect(gaps).toContain(
      `flow windows: the subject's stream is not whole: revision 1 is expected where revision 2 stands`,
    );
    expect(gaps.some((f) => f.startsWith('bundle: the end line counts'))).toBe(true);
  });

  it('names the window whose claim differs from the replay, and a combination claimed away', async () => {
    const lines = edited(subjectBundle, 0, (header) => {
      const windows = headerOf(header).flowWindows as unknown as {
        category: string;
        recipient: string;
        purpose: string;
        windows: { end?: string }[];
      }[];
      const combination = windows.find((c) => c.windows.some((w) => w.end !== undefined))!;
      const window = combination.windows.find((w) => w.end !== undefined)!;
      window.end = new Date(Date.parse(window.end!) + 1).toISOString();
    });
    const failures = await failuresOf(lines);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^window [a-z-]+\/[a-z-]+\/[a-z-]+ #\d+: the bundle claims \{.*\}, the events give \{.*\}$/,
    );

    const dropped = edited(subjectBundle, 0, (header) => {
      (headerOf(header).flowWindows as unknown[]).shift();
    });
    expect(await failuresOf(dropped)).toEqual([
      expect.stringMatching(
        /^windows of .*: the events give \d+ windows and \d+ one-off flows; the bundle claims nothing for this combination$/,
      ),
    ]);
  });

  it('reports a cut-off bundle, and holes in a time-range span', async () => {
    expect(await failuresOf(subjectBundle.slice(0, -1))).toEqual([
      'bundle: the bundle has no end line: it was cut off',
    ]);
    const middle = Math.floor(rangeBundle.length / 2);
    const hole = (JSON.parse(rangeBundle[middle]!) as { leafIndex: number }).leafIndex;
    const [count, span, ...chain] = await failuresOf(rangeBundle.filter((_, i) => i !== middle));
    expect([count, span]).toEqual([
      `bundle: the end line counts ${rangeBundle.length - 2} events, the bundle holds ${rangeBundle.length - 3}`,
      `bundle: leaf ${hole} of the span is missing from the bundle (its event is gone from the store)`,
    ]);
    // A later event of the same stream, if any, names the hole as its missing predecessor.
    expect(chain.every((failure) => failure.includes(`links to leaf ${hole},`))).toBe(true);
    const firstGone = [rangeBundle[0]!, ...rangeBundle.slice(2)];
    expect(await failuresOf(firstGone)).toContain(
      'bundle: leaf 0, the first of the span, is missing from the bundle',
    );
  });

  it('holds a whole-log bundle to both ends of the log, even when its end line agrees', async () => {
    const size = rangeBundle.length - 2;
    const withoutLast = [...rangeBundle.slice(0, -2), rangeBundle[rangeBundle.length - 1]!];
    const shortened = edited(withoutLast, withoutLast.length - 1, (end) => {
      end.eventCount = size - 1;
      end.leafSpan = { first: 0, end: size - 1 };
    });
    expect(await failuresOf(shortened)).toEqual([
      `bundle: the range is open at its end, but the span ends at leaf ${size - 2}, not at the checkpoint's last leaf ${size - 1}`,
    ]);
    const withoutFirst = [rangeBundle[0]!, ...rangeBundle.slice(2)];
    const late = edited(withoutFirst, withoutFirst.length - 1, (end) => {
      end.eventCount = size - 1;
      end.leafSpan = { first: 1, end: size };
    });
    expect(await failuresOf(late)).toEqual([
      'bundle: the range is open at its start, but the span starts at leaf 1, not 0',
    ]);
  });

  describe('consent-ledger verify', () => {
    const report: string[] = [];
    const output = { line: (text: string) => report.push(text) };
    const file = (name: string, lines: readonly string[]) => {
      const path = join(dir, name);
      writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
      return path;
    };
    const keyText = () => ledger.signingKey.verifierKeyFor(ORIGIN);

    beforeEach(() => report.splice(0));

    it('exits 0 and says what it verified, with the key as text or as a file', async () => {
      const bundle = file('subject.jsonl', subjectBundle);
      expect(await runVerify(bundle, keyText(), output)).toBe(VERIFY_EXIT.verified);
      expect(report).toEqual([
        expect.stringMatching(
          /^verified: \d+ events of subject [0-9a-f-]+ and its tenant's policy against audit\.test\/tenant-1 at tree size \d+; flow windows of \d+ combinations replayed; 2 of 2 streams chained back to their first event, .* \(events after it are not proven absent yet\)$/,
        ),
      ]);
      expect(await runVerify(file('range.jsonl', rangeBundle), keyText(), output)).toBe(
        VERIFY_EXIT.verified,
      );
      expect(report[1]).toMatch(
        /^verified: \d+ events recorded from the log's start until the checkpoint against audit\.test\/tenant-1 at tree size \d+; (\d+) of \1 streams chained back to their first event, /,
      );
      const keyFile = join(dir, 'verifier.key');
      writeFileSync(keyFile, `${keyText()}\n`);
      expect(await runVerify(bundle, keyFile, output)).toBe(VERIFY_EXIT.verified);
    });

    it('exits 1 and prints one line per failure', async () => {
      const index = subjectLine(subjectBundle, 0);
      const tampered = file(
        'tampered.jsonl',
        edited(subjectBundle, index, (line) => {
          entryOf(line).event.streamRevision = 7;
        }),
      );
      expect(await runVerify(tampered, keyText(), output)).toBe(VERIFY_EXIT.failed);
      expect(report.length).toBeGreaterThanOrEqual(2);
      expect(report[0]).toMatch(new RegExp(`^${escape(eventName(subjectBundle, index))}: `));
      expect(report[report.length - 1]).toMatch(/^FAILED: \d+ failures in \d+ events/);
    });

    it('exits 2 for a file it cannot read, something that is not a bundle, or a bad key', async () => {
      const bundle = file('ok.jsonl', subjectBundle);
      expect(await runVerify(join(dir, 'missing.jsonl'), keyText(), output)).toBe(
        VERIFY_EXIT.unusable,
      );
      expect(await runVerify(dir, keyText(), output)).toBe(VERIFY_EXIT.unusable);
      expect(await runVerify(file('text.jsonl', ['hello']), keyText(), output)).toBe(
        VERIFY_EXIT.unusable,
      );
      const v3 = edited(subjectBundle, 0, (header) => {
        header.version = 3;
      });
      expect(await runVerify(file('v3.jsonl', v3), keyText(), output)).toBe(VERIFY_EXIT.unusable);
      expect(await runVerify(bundle, 'not-a-key', output)).toBe(VERIFY_EXIT.unusable);
      expect(
        await runVerify(bundle, keyText().replace(/\+[0-9a-f]{8}\+/, '+00000000+'), output),
      ).toBe(VERIFY_EXIT.unusable);
      expect(report.every((line) => line.startsWith('unusable input: '))).toBe(true);
      expect(report).toHaveLength(6);
    });
  });

  it('loads nothing of NestJS, the stores or the service to verify', () => {
    const child = spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, '../support/register-ts.js'),
        '-e',
        `require(${JSON.stringify(join(__dirname, '../../src/cli/verify.command.ts'))});
         process.stdout.write(JSON.stringify(Object.keys(require.cache)));`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    const loaded = (JSON.parse(child.stdout) as string[]).map((path) =>
      path.replace(/^.*\/(node_modules|src)\//, '$1/'),
    );
    expect(loaded.some((path) => path.startsWith('src/audit/verify/'))).toBe(true);
    const forbidden = loaded.filter((path) =>
      /^(node_modules\/(@nestjs|fastify|pg|@kurrent|pino|reflect-metadata)\/|src\/(event-store\/(sqlite|postgres|kurrentdb)|read-store|projections|http|config|bootstrap|keys\/(?!sealed-digest)|audit\/(log\/(?!log-of-event)|checkpoints|http|export\/(?!export-bundle)))\b)/.test(
        path,
      ),
    );
    expect(forbidden).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
