import { randomUUID } from 'node:crypto';
import { CheckpointSigner } from '../../src/audit/checkpoints/checkpoint-signer';
import { CheckpointSigningKey } from '../../src/audit/checkpoints/checkpoint-signing-key';
import {
  ensureCheckpointTable,
  latestCheckpoint,
  type StoredCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-store';
import type { BundleEntry } from '../../src/audit/export/export-bundle';
import { AuditExporter } from '../../src/audit/export/audit-exporter';
import { AUDIT_LOG_TABLES } from '../../src/audit/log/audit-log.tables';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { CREATE_LEAF_FORMAT_PINS, readPins } from '../../src/audit/log/leaf-format-pins';
import { SYSTEM_LOG } from '../../src/audit/log/log-of-event';
import { treeRoot } from '../../src/audit/merkle/merkle-tree';
import {
  formatSignerKey,
  generateEd25519Seed,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import type { SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import type { EventStore, JsonObject } from '../../src/event-store/event-store.port';
import { Projector } from '../../src/projections/projector';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import type { SqlDialect } from '../../src/read-store/read-store.port';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import { createStores, dumpTables, type StoreHarness } from '../projections/fixtures/stores';
import { POLICIES, randomHistories, type RandomHistory } from '../read-side/random-histories';
import {
  exportLines,
  ORIGIN,
  ORIGIN_HOST,
  OTHER_TENANT,
  TENANT,
  verifyLines,
} from './export-fixtures';
import { expectedLogs } from './support/audit-events';

/**
 * The upgrade to chained leaves (docs/adr/0041) on both read stores. A log is first built
 * unchained, as the audit log's version 1 built it (the same projection with every log
 * pinned out of reach: below its pin a leaf is exactly a version-1 leaf, whose bytes the
 * golden vectors of src/audit/leaf.unit.spec.ts hold), and a checkpoint C1 signed. Then the
 * pins are removed and the projection's stored version set to 1, as a store left by the old
 * code has them; the new projection rebuilds, the subjects and the policy go on. The log
 * must still extend C1 (the signer signs over it), hold format-1 leaves below C1 and chained
 * ones after, link each stream's first chained leaf to its last unchained one, verify in
 * every bundle, and rebuild again to the very same rows.
 */
const SUBJECTS = 8;
const SEED = 20261209;
const OUT_OF_REACH = 1_000_000_000;
const FAST = { batchSize: 50, idlePollMs: 20, followerPollMs: 20 };

function toAppend(event: SubjectEvent | PolicyPublished, tenant: string) {
  return {
    id: randomUUID(),
    type: event.type,
    data: event as unknown as JsonObject,
    metadata: { tenantId: tenant },
  };
}

/** Each subject's events from `from` (a share of its history) to `to`; the policy's likewise. */
async function appendPart(
  store: EventStore,
  histories: readonly RandomHistory[],
  part: 'before' | 'after',
): Promise<void> {
  const policies = part === 'before' ? [0, 1] : [2];
  for (const version of policies) {
    const expected = version === 0 ? 'no_stream' : version - 1;
    await store.append(policyStream(TENANT), [toAppend(POLICIES[version]!, TENANT)], expected);
  }
  for (const [i, history] of histories.entries()) {
    const half = Math.ceil(history.events.length / 2);
    const events = part === 'before' ? history.events.slice(0, half) : history.events.slice(half);
    if (events.length === 0) continue;
    await store.append(
      subjectStream(TENANT, history.subjectId),
      events.map((event) => toAppend(event, TENANT)),
      part === 'before' ? 'no_stream' : half - 1,
    );
    if (i % 3 === 1) {
      await store.append(
        `maintenance-${randomUUID()}`,
        [{ id: randomUUID(), type: 'maintenance-noted', data: { i, part } }],
        'no_stream',
      );
    }
  }
}

describe.each<SqlDialect>(['sqlite', 'postgres'])(
  'upgrading a %s audit log to chained leaves',
  (dialect) => {
    let stores: StoreHarness;
    let projector: Projector | undefined;
    const parsed = parseSignerKey(formatSignerKey(ORIGIN_HOST, generateEd25519Seed()));
    const key = new CheckpointSigningKey(parsed.privateKey, parsed.publicKey);
    const verifier = parseVerifierKey(key.verifierKeyFor(ORIGIN));

    async function runProjector(): Promise<void> {
      await projector?.stop();
      projector = new Projector({
        eventStore: stores.eventStore,
        readStore: stores.readStore,
        projections: [new AuditLogProjection(), new FlowWindowsProjection()],
        settings: FAST,
      });
      await projector.start();
      const head = await stores.eventStore.headPosition();
      if (!(await projector.waitForPosition(head, 20_000))) throw new Error('no catch-up');
    }

    async function sign(): Promise<StoredCheckpoint> {
      const signer = new CheckpointSigner({
        readStore: stores.readStore,
        key,
        originHost: ORIGIN_HOST,
        cadence: { everyEvents: 1, everyMs: 1 },
      });
      const outcome = await signer.sign(TENANT);
      expect(outcome.kind).toBe('signed');
      return (await latestCheckpoint(stores.readStore, TENANT))!;
    }

    const exporter = () =>
      new AuditExporter({
        eventStore: stores.eventStore,
        readStore: stores.readStore,
        originHost: ORIGIN_HOST,
        waitForProjections: () => Promise.resolve(true),
      });

    beforeAll(async () => {
      stores = await createStores(dialect);
    });

    afterAll(async () => {
      await projector?.stop();
      await stores.destroy();
    });

    it('keeps every signed leaf, chains what follows, and verifies across the switch', async () => {
      const histories = randomHistories(SUBJECTS, SEED);
      await stores.readStore.transaction(async (tx) => {
        await tx.execute(CREATE_LEAF_FORMAT_PINS);
        for (const log of [TENANT, OTHER_TENANT, SYSTEM_LOG]) {
          await tx.execute('INSERT INTO audit_leaf_format_pins VALUES ($1, $2)', [
            log,
            OUT_OF_REACH,
          ]);
        }
      });
      await appendPart(stores.eventStore, histories, 'before');
      await runProjector();
      await ensureCheckpointTable(stores.readStore);
      const c1 = await sign();
      const unchained = await expectedLogs(
        await stores.eventStore.readAll(),
        new Map([[TENANT, OUT_OF_REACH]]),
      );
      expect(c1.rootHash).toEqual(await treeRoot(unchained.get(TENANT)!.store, c1.size));

      // The store as the version-1 code leaves it: no pins, the projection at version 1.
      await projector!.stop();
      await stores.readStore.transaction(async (tx) => {
        await tx.execute('DELETE FROM audit_leaf_format_pins');
        await tx.execute("UPDATE projection_checkpoints SET version = 1 WHERE name = 'audit_log'");
      });
      await appendPart(stores.eventStore, histories, 'after');
      await runProjector();

      const pins = await readPins(stores.readStore);
      expect(pins.get(TENANT)).toBe(c1.size);
      const c2 = await sign();
      expect(c2.size).toBeGreaterThan(c1.size);
      const all = await stores.eventStore.readAll();
      const chained = (await expectedLogs(all, pins)).get(TENANT)!;
      expect(c2.rootHash).toEqual(await treeRoot(chained.store, c2.size));
      expect(await new AuditLogReader(stores.readStore, TENANT).root(c1.size)).toEqual(c1.rootHash);

      const { lines } = await exportLines(exporter(), {
        tenant: TENANT,
        selection: { kind: 'recorded-between' },
      });
      const whole = await verifyLines(lines, verifier);
      expect(whole.failures).toEqual([]);
      const entries = lines.slice(1, -1).map((line) => JSON.parse(line) as BundleEntry);
      for (const entry of entries) {
        expect(entry.leafFormat).toBe(entry.leafIndex! < c1.size ? undefined : 2);
      }
      // Each stream's first chained leaf links to its last unchained one, or is its first.
      const lastUnchained = new Map<string, number>();
      const firstChained = new Map<string, BundleEntry>();
      for (const entry of entries) {
        const stream = entry.event.streamName;
        if (entry.leafFormat === undefined) lastUnchained.set(stream, entry.leafIndex!);
        else if (!firstChained.has(stream)) firstChained.set(stream, entry);
      }
      expect(firstChained.size).toBeGreaterThan(SUBJECTS / 2);
      expect([...firstChained.values()].some((e) => e.previousInStream !== 'first')).toBe(true);
      for (const [stream, entry] of firstChained) {
        const before = lastUnchained.get(stream);
        if (before === undefined) expect(entry.previousInStream).toBe('first');
        else expect(entry.previousInStream).toMatchObject({ leafIndex: before });
      }

      for (const history of histories) {
        const subject = await exportLines(exporter(), {
          tenant: TENANT,
          selection: { kind: 'subject', subjectId: history.subjectId },
        });
        expect((await verifyLines(subject.lines, verifier)).failures).toEqual([]);
      }

      // A rebuild of the chained projection finds the pins and makes the very same rows.
      const tables = [...AUDIT_LOG_TABLES, 'audit_leaf_format_pins'];
      const before = await dumpTables(stores.readStore, tables);
      await projector!.stop();
      await stores.readStore.execute("DELETE FROM projection_checkpoints WHERE name = 'audit_log'");
      await runProjector();
      expect(await dumpTables(stores.readStore, tables)).toBe(before);
    }, 120_000);
  },
);
