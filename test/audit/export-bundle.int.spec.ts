import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleEnd, BundleEntry, BundleHeader } from '../../src/audit/export/export-bundle';
import {
  ExportCheckpointNotFoundError,
  ExportNotReadyError,
  ExportSubjectNotFoundError,
  ExportTooLargeError,
  ExportTreeSizeTooSmallError,
} from '../../src/audit/export/export.errors';
import { logOfEvent } from '../../src/audit/log/log-of-event';
import { subjectStream } from '../../src/shared/tenancy/stream-names';
import type { SqlDialect } from '../../src/read-store/read-store.port';
import { ProjectedFlowWindows } from '../../src/read-side/queries/get-flow-windows/projected-flow-windows';
import { REGISTERED_AT, sealed } from '../../src/consent/domain/testing/fixtures';
import { ajvWithEventSchemas } from '../support/event-schemas';
import {
  exportLines,
  type Ledger,
  openLedger,
  TENANT,
  UNBOUNDED,
  verifyLines,
} from './export-fixtures';

const schema = JSON.parse(
  readFileSync(join(__dirname, '../../src/audit/export/bundle.schema.json'), 'utf8'),
) as object;
// The bundle's schema refers to each event type's schema for the events' data.
const validateLine = ajvWithEventSchemas().compile(schema);

function expectSchemaValid(lines: readonly string[]): void {
  for (const line of lines) {
    const valid = validateLine(JSON.parse(line));
    expect({ valid, errors: validateLine.errors ?? [] }).toEqual({ valid: true, errors: [] });
  }
}

const parsed = <T>(line: string | undefined): T => JSON.parse(line ?? 'null') as T;

describe.each<SqlDialect>(['sqlite', 'postgres'])('export bundles on %s', (dialect) => {
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await openLedger(dialect, { subjects: 8, seed: 11 });
  });
  afterAll(() => ledger?.destroy());

  /** A subject whose read-side windows are not all empty, so the replay compares something. */
  async function subjectWithWindows(): Promise<string> {
    const windows = new ProjectedFlowWindows(ledger.stores.readStore);
    for (const subjectId of ledger.subjects) {
      const combinations = await windows.read(TENANT, subjectId, {});
      if (combinations?.some((c) => c.windows.length > 0 && c.windows.some((w) => w.end))) {
        return subjectId;
      }
    }
    throw new Error('no subject of the seed has a closed window');
  }

  it('exports a subject with its policy events, proofs and claimed windows, valid by the schema, and it verifies', async () => {
    const checkpoint = await ledger.sign();
    const subjectId = await subjectWithWindows();
    const { lines, summary } = await exportLines(ledger.exporter(), {
      tenant: TENANT,
      selection: { kind: 'subject', subjectId },
    });
    expectSchemaValid(lines);

    const header = parsed<BundleHeader>(lines[0]);
    const subjectEvents = await ledger.stores.eventStore.readStream(
      subjectStream(TENANT, subjectId),
    );
    expect(header).toMatchObject({
      kind: 'header',
      version: 2,
      tenant: TENANT,
      selection: { kind: 'subject', subjectId },
      checkpoint: { note: checkpoint.note },
    });
    expect(header.flowWindows).toEqual(
      await new ProjectedFlowWindows(ledger.stores.readStore).read(TENANT, subjectId, {}),
    );
    const entries = lines.slice(1, -1).map((line) => parsed<BundleEntry>(line));
    expect(
      entries.filter((e) => e.event.streamName === subjectStream(TENANT, subjectId)),
    ).toHaveLength(subjectEvents.length);
    expect(entries.filter((e) => e.event.type === 'policy-published')).toHaveLength(3);
    expect(entries.every((e) => e.leafIndex !== null && e.leafIndex < checkpoint.size)).toBe(true);
    expect(parsed<BundleEnd>(lines[lines.length - 1])).toEqual({
      kind: 'end',
      eventCount: entries.length,
    });
    expect(summary).toEqual({
      origin: header.origin,
      treeSize: checkpoint.size,
      eventCount: entries.length,
    });

    const { failures, summary: verified } = await verifyLines(lines, ledger.verifier);
    expect(failures).toEqual([]);
    expect(verified).toMatchObject({ events: entries.length, treeSize: BigInt(checkpoint.size) });
    expect(verified.combinations).toBe(header.flowWindows?.length);
  });

  it('exports the whole log as one span of every leaf, in leaf order, with nothing of other logs', async () => {
    const checkpoint = await ledger.sign();
    const { lines } = await exportLines(ledger.exporter(), {
      tenant: TENANT,
      selection: { kind: 'recorded-between' },
    });
    expectSchemaValid(lines);
    const entries = lines.slice(1, -1).map((line) => parsed<BundleEntry>(line));
    expect(entries.map((e) => e.leafIndex)).toEqual([...Array(checkpoint.size).keys()]);
    const all = await ledger.stores.eventStore.readAll();
    const tenantEvents = all.filter((event) => logOfEvent(event) === TENANT);
    expect(all.length).toBeGreaterThan(tenantEvents.length);
    expect(entries.map((e) => e.event.id)).toEqual(tenantEvents.map((e) => e.id));
    expect(parsed<BundleEnd>(lines[lines.length - 1])).toEqual({
      kind: 'end',
      eventCount: checkpoint.size,
      leafSpan: { first: 0, end: checkpoint.size },
    });
    expect((await verifyLines(lines, ledger.verifier)).failures).toEqual([]);
  });

  it('exports a time range as the span of leaves from its first to its last event', async () => {
    const checkpoint = await ledger.sign();
    const tenantEvents = (await ledger.stores.eventStore.readAll())
      .filter((event) => logOfEvent(event) === TENANT)
      .slice(0, checkpoint.size);
    const from = tenantEvents[10]!.recordedAt.getTime();
    const to = tenantEvents[30]!.recordedAt.getTime();
    const inRange = tenantEvents
      .map((event, leaf) => ({ leaf, at: event.recordedAt.getTime() }))
      .filter(({ at }) => at >= from && at < to);
    const first = inRange[0]!.leaf;
    const end = inRange[inRange.length - 1]!.leaf + 1;

    const { lines } = await exportLines(ledger.exporter(), {
      tenant: TENANT,
      selection: { kind: 'recorded-between', from, to },
    });
    expectSchemaValid(lines);
    expect(parsed<BundleHeader>(lines[0]).selection).toEqual({
      kind: 'recorded-between',
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    expect(lines.slice(1, -1).map((line) => parsed<BundleEntry>(line).leafIndex)).toEqual(
      Array.from({ length: end - first }, (_, i) => first + i),
    );
    expect(parsed<BundleEnd>(lines[lines.length - 1]).leafSpan).toEqual({ first, end });
    expect((await verifyLines(lines, ledger.verifier)).failures).toEqual([]);
  });

  it('proves against the stored checkpoint of a given tree size, and says when that cannot hold a subject', async () => {
    const older = await ledger.sign();
    const subjectId = randomUUID();
    await ledger.stores.eventStore.append(
      subjectStream(TENANT, subjectId),
      [
        {
          id: randomUUID(),
          type: 'subject-registered',
          data: {
            type: 'subject-registered',
            schemaVersion: 1,
            tenantId: TENANT,
            subjectId,
            occurredAt: REGISTERED_AT,
            residency: 'row',
            appSubjectId: sealed('late-subject'),
          },
          metadata: { tenantId: TENANT },
        },
      ],
      'no_stream',
    );
    const newer = await ledger.sign();
    expect(newer.size).toBe(older.size + 1);

    const range = await exportLines(ledger.exporter(), {
      tenant: TENANT,
      selection: { kind: 'recorded-between' },
      treeSize: older.size,
    });
    expect(parsed<BundleHeader>(range.lines[0]).checkpoint.note).toBe(older.note);
    expect(parsed<BundleEnd>(range.lines[range.lines.length - 1]).leafSpan).toEqual({
      first: 0,
      end: older.size,
    });
    expect((await verifyLines(range.lines, ledger.verifier)).failures).toEqual([]);

    const subject = { kind: 'subject', subjectId } as const;
    await expect(
      exportLines(ledger.exporter(), { tenant: TENANT, selection: subject, treeSize: older.size }),
    ).rejects.toEqual(new ExportTreeSizeTooSmallError(older.size, newer.size));
    await expect(
      exportLines(ledger.exporter(), { tenant: TENANT, selection: subject, treeSize: 2 }),
    ).rejects.toBeInstanceOf(ExportCheckpointNotFoundError);
    const latest = await exportLines(ledger.exporter(), { tenant: TENANT, selection: subject });
    expect((await verifyLines(latest.lines, ledger.verifier)).failures).toEqual([]);
  });

  it('waits, bounded, for a checkpoint that holds the subject’s newest event', async () => {
    const subjectId = ledger.subjects[0]!;
    const stream = subjectStream(TENANT, subjectId);
    const events = await ledger.stores.eventStore.readStream(stream);
    await ledger.stores.eventStore.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'local-data-mode-switched-on',
          data: {
            type: 'local-data-mode-switched-on',
            schemaVersion: 1,
            tenantId: TENANT,
            subjectId,
            occurredAt: '2027-01-01T00:00:00.000Z',
          },
          metadata: { tenantId: TENANT },
        },
      ],
      events.length - 1,
    );
    await ledger.catchUp();
    const request = { tenant: TENANT, selection: { kind: 'subject', subjectId } } as const;
    await expect(
      exportLines(ledger.exporter(), request, { ...UNBOUNDED, waitMs: 100 }),
    ).rejects.toBeInstanceOf(ExportNotReadyError);

    const signing = new Promise((resolve) => setTimeout(resolve, 200)).then(() => ledger.sign());
    const { lines } = await exportLines(ledger.exporter(), request, UNBOUNDED);
    await signing;
    const verdict = await verifyLines(lines, ledger.verifier);
    expect(verdict.failures).toEqual([]);
    expect(verdict.summary.events).toBe(events.length + 1 + 3);
  });

  it('refuses a selection larger than the limit, and a subject the tenant does not have', async () => {
    await ledger.sign();
    const limits = { ...UNBOUNDED, maxEvents: 5 };
    await expect(
      exportLines(
        ledger.exporter(),
        { tenant: TENANT, selection: { kind: 'subject', subjectId: ledger.subjects[0]! } },
        limits,
      ),
    ).rejects.toEqual(new ExportTooLargeError(5));
    await expect(
      exportLines(
        ledger.exporter(),
        { tenant: TENANT, selection: { kind: 'recorded-between' } },
        limits,
      ),
    ).rejects.toEqual(new ExportTooLargeError(5));
    await expect(
      exportLines(ledger.exporter(), {
        tenant: TENANT,
        selection: { kind: 'subject', subjectId: randomUUID() },
      }),
    ).rejects.toBeInstanceOf(ExportSubjectNotFoundError);
    await expect(
      exportLines(ledger.exporter(), {
        tenant: 'tenant-without-log',
        selection: { kind: 'recorded-between' },
      }),
    ).rejects.toBeInstanceOf(ExportCheckpointNotFoundError);
  });
});
