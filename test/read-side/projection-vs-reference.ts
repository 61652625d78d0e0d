import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import { evaluatePermission } from '../../src/consent/domain/permission/evaluate-permission';
import { allFlowWindows, flowWindows } from '../../src/consent/domain/permission/flow-windows';
import { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import { fold } from '../../src/shared/domain/decider';
import { toIso } from '../../src/shared/time/instant';
import { subjectDecider } from '../../src/consent/domain/subject/subject.decider';
import type { SubjectState } from '../../src/consent/domain/subject/subject.state';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { Projector } from '../../src/projections/projector';
import { openReadStore } from '../../src/read-store/open-read-store';
import type { ReadStore, SqlDialect } from '../../src/read-store/read-store.port';
import { ConsentStateProjection } from '../../src/read-side/projections/consent-state.projection';
import { combinationRecordOf } from '../../src/read-side/replay/flow-window-records';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import { PermissionChecker } from '../../src/read-side/queries/check-permission/permission-checker';
import { ConsentSummaryReader } from '../../src/read-side/queries/get-consent-summary/consent-summary-reader';
import { FlowWindowsAsKnownAt } from '../../src/read-side/queries/get-flow-windows/flow-windows-as-known-at';
import { ProjectedFlowWindows } from '../../src/read-side/queries/get-flow-windows/projected-flow-windows';
import {
  FUTURE_SHIFT_MS,
  FUTURE_TENANT,
  appendHistories,
  appendVersion3,
  movedHistory,
  policiesOf,
  randomHistories,
  type RandomHistory,
} from './random-histories';
import { referenceSummary } from './reference-summary';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const FAST = { batchSize: 500, idlePollMs: 20, followerPollMs: 20 };
/** Histories also appended, years ahead in valid time, for the future tenant. */
const FUTURE_HISTORIES = 300;
/** Instants the summary is asked about, per tenant and policy history. */
const SUMMARY_INSTANTS = 8;

/** Every table of the two projections, each with its whole primary key to order by. */
const TABLES: Readonly<Record<string, string>> = {
  consent_state_facts: 'tenant_id, subject_id, revision',
  consent_state_policies: 'tenant_id, revision',
  flow_windows_facts: 'tenant_id, subject_id, revision',
  flow_windows_policies: 'tenant_id, revision',
  flow_windows_rows: 'tenant_id, subject_id, category, recipient, purpose, seq',
  flow_windows_one_off_flows: 'tenant_id, subject_id, revision',
  flow_windows_counts: 'tenant_id, metric, category, recipient, purpose, basis',
  flow_windows_count_changes: 'tenant_id, at, metric, category, recipient, purpose, basis',
  flow_windows_count_watermarks: 'tenant_id',
};

interface Stores {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  destroy(): Promise<void>;
}

/** A SQLite event store, and a read store of `dialect`: a file, or a random PostgreSQL schema. */
async function openStores(dialect: SqlDialect): Promise<Stores> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-read-side-'));
  const schema = `read_side_${randomBytes(6).toString('hex')}`;
  const eventStore = await openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const readStore = await openReadStore(
    dialect === 'postgres' ? `${PG_URL}?schema=${schema}` : `sqlite:${join(dir, 'read.sqlite')}`,
  );
  return {
    eventStore,
    readStore,
    destroy: async () => {
      await readStore.close();
      await eventStore.close();
      if (dialect === 'postgres') {
        const client = new Client({ connectionString: PG_URL });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the read side's tables, in key order, as one string. */
async function dump(readStore: ReadStore): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    rows[table] = await readStore.query(`SELECT * FROM ${table} ORDER BY ${key}`);
  }
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** One tenant's histories as appended, with what the log recorded of them. */
interface TenantHistories {
  readonly tenantId: string;
  readonly shiftMs: number;
  readonly histories: readonly RandomHistory[];
  readonly states: Map<string, SubjectState>;
  /** Per subject, its stream as recorded (ids, transaction times). */
  readonly recorded: Map<string, RecordedEvent[]>;
  policyRecords: RecordedEvent[];
}

/**
 * For thousands of random histories appended straight to the event store (FC_RUNS, seed
 * FC_SEED), the read side must answer every check exactly as `evaluatePermission` over the
 * same events, hold the flow windows the pure computation gives, give the windows "as known
 * at" a transaction time as the computation over what was recorded by then, count the
 * tenant's subjects as a plain count over the domain's rules does, and rebuild to the same
 * bytes. A second tenant holds some of the histories years ahead of the clock, so its
 * counts change at instants the projection has not passed yet.
 */
export function describeProjectionVsReference(dialect: SqlDialect, defaultCount: number): void {
  const seed = Number(process.env.FC_SEED ?? 20260612);
  const count = Number(process.env.FC_RUNS ?? defaultCount);

  describe(`the read side over ${count} random histories (FC_SEED=${seed}), on a ${dialect} read store`, () => {
    let stores: Stores;
    let projector: Projector;
    let tenants: TenantHistories[];
    let policies = (_tenant: TenantHistories) => PolicyHistory.empty();

    beforeAll(async () => {
      stores = await openStores(dialect);
      const histories = randomHistories(count, seed);
      tenants = [
        tenantHistories(TENANT_ID, 0, histories),
        tenantHistories(
          FUTURE_TENANT,
          FUTURE_SHIFT_MS,
          histories
            .slice(0, FUTURE_HISTORIES)
            .map((h) => movedHistory(h, FUTURE_TENANT, FUTURE_SHIFT_MS)),
        ),
      ];
      for (const tenant of tenants) {
        await appendHistories(stores.eventStore, tenant.histories, tenant.tenantId, tenant.shiftMs);
      }
      const head = await stores.eventStore.headPosition();
      for (const tenant of tenants) await readBack(stores.eventStore, tenant);
      policies = (tenant) =>
        PolicyHistory.of(policiesOf(tenant.tenantId, tenant.shiftMs).slice(0, 2));
      projector = new Projector({
        eventStore: stores.eventStore,
        readStore: stores.readStore,
        projections: [new ConsentStateProjection(), new FlowWindowsProjection()],
        settings: FAST,
      });
      await projector.start();
      expect(await projector.waitForPosition(head, 120_000)).toBe(true);
    }, 180_000);

    afterAll(async () => {
      await projector?.stop();
      await stores?.destroy();
    });

    async function expectReferenceAnswers(
      tenant: TenantHistories,
      policy: PolicyHistory,
    ): Promise<void> {
      const checker = new PermissionChecker(stores.readStore);
      const questions = tenant.histories.flatMap((h) =>
        h.questions.map((q) => ({ ...q, subjectId: h.subjectId })),
      );
      const outcomes = await checker.check(tenant.tenantId, questions);
      const expected = tenant.histories.flatMap((history) => {
        const state = tenant.states.get(history.subjectId)!;
        const ids = tenant.recorded.get(history.subjectId)!.map((e) => e.id);
        return history.questions.map((question) => {
          const answer = evaluatePermission(state, policy, question);
          const window = flowWindows(state, policy, question).windows.find(
            (w) => w.start <= question.at && (w.end === undefined || question.at < w.end),
          );
          return {
            question: { subjectId: history.subjectId, ...question },
            outcome: {
              known: true,
              answer: {
                permitted: answer.permitted,
                ...(answer.basis ? { basis: answer.basis } : {}),
                ...(answer.permitted && window ? { since: window.start } : {}),
                ...(answer.permitted && window?.end !== undefined ? { until: window.end } : {}),
                reasons: answer.reasons,
                ...(answer.policyVersion !== undefined
                  ? { policyVersion: answer.policyVersion }
                  : {}),
                evidence: answer.evidence.map((revision) => ({
                  eventId: ids[revision],
                  revision,
                  type: history.events[revision]!.type,
                })),
              },
            },
          };
        });
      });
      expectEach(
        expected,
        questions.map((question, i) => ({ question, outcome: outcomes[i] })),
      );
    }

    async function expectReferenceWindows(
      tenant: TenantHistories,
      policy: PolicyHistory,
    ): Promise<void> {
      const projected = new ProjectedFlowWindows(stores.readStore);
      const actual = await Promise.all(
        tenant.histories.map(async (h) => ({
          subjectId: h.subjectId,
          windows: await projected.read(tenant.tenantId, h.subjectId, {}),
        })),
      );
      const expected = tenant.histories.map((h) => {
        const ids = tenant.recorded.get(h.subjectId)!.map((e) => e.id);
        return {
          subjectId: h.subjectId,
          windows: allFlowWindows(tenant.states.get(h.subjectId)!, policy).map((c) =>
            combinationRecordOf(c, ids),
          ),
        };
      });
      expectEach(expected, actual);
    }

    async function expectReferenceSummaries(
      tenant: TenantHistories,
      policy: PolicyHistory,
    ): Promise<void> {
      const reader = new ConsentSummaryReader(stores.readStore);
      const states = [...tenant.states.values()];
      const newest = newestRecordedAt(tenant);
      // Now, and instants where counts change (facts, policies, expiries), ±1 ms.
      const instants = fc.sample(
        fc.tuple(fc.constantFrom(...changeInstants(tenant, policy)), fc.constantFrom(-1, 0, 1)),
        { seed: seed + 1, numRuns: SUMMARY_INSTANTS },
      );
      const asked = [Date.now(), ...instants.map(([at, offset]) => at + offset)];
      for (const at of asked) {
        const { asOf, ...summary } = await reader.read(tenant.tenantId, at);
        const answeredFor = Math.max(at, newest);
        expect({ at: toIso(at), asOf, summary }).toEqual({
          at: toIso(at),
          asOf: toIso(answeredFor),
          summary: referenceSummary(states, policy, answeredFor),
        });
      }
    }

    it('generated enough varied histories', () => {
      const histories = tenants[0]!.histories;
      expect(histories.length).toBeGreaterThan(count / 2);
      const types = new Set(histories.flatMap((h) => h.events.map((e) => e.type)));
      expect([...types].sort()).toEqual([
        'consent-granted',
        'consent-revoked',
        'erasure-requested',
        'local-data-mode-switched-off',
        'local-data-mode-switched-on',
        'subject-registered',
        'sync-recorded',
        'sync-refused',
      ]);
    });

    it('answers every check as evaluatePermission over the same events', async () => {
      for (const tenant of tenants) await expectReferenceAnswers(tenant, policies(tenant));
    });

    it('holds the windows the pure computation gives, after a re-consent version', async () => {
      for (const tenant of tenants) await expectReferenceWindows(tenant, policies(tenant));
    });

    it('counts every tenant as a plain count over the rules does, at any instant from now on', async () => {
      for (const tenant of tenants) await expectReferenceSummaries(tenant, policies(tenant));
    });

    it('gives the windows as known at a transaction time from what was recorded by then', async () => {
      const asKnownAt = new FlowWindowsAsKnownAt(stores.eventStore);
      const tenant = tenants[0]!;
      const knownAt = fc.sample(fc.tuple(fc.nat(), fc.constantFrom(-1, 0, 1)), {
        seed: seed + 2,
        numRuns: tenant.histories.length,
      });
      const expected: unknown[] = [];
      const actual: unknown[] = [];
      for (const [i, history] of tenant.histories.entries()) {
        const recorded = tenant.recorded.get(history.subjectId)!;
        const instants = [...recorded, ...tenant.policyRecords].map((e) => e.recordedAt.getTime());
        const [pick, offset] = knownAt[i]!;
        const at = instants[pick % instants.length]! + offset;
        const known = recorded.filter((e) => e.recordedAt.getTime() <= at).length;
        const policy = PolicyHistory.of(
          policiesOf(tenant.tenantId, 0).slice(
            0,
            tenant.policyRecords.filter((e) => e.recordedAt.getTime() <= at).length,
          ),
        );
        const state = fold(subjectDecider, history.events.slice(0, known));
        const ids = recorded.map((e) => e.id);
        expected.push({
          subjectId: history.subjectId,
          at,
          windows: allFlowWindows(state, policy).map((c) => combinationRecordOf(c, ids)),
        });
        actual.push({
          subjectId: history.subjectId,
          at,
          windows: await asKnownAt.read(tenant.tenantId, history.subjectId, {}, at),
        });
      }
      expectEach(expected, actual);
    });

    it('says a subject it never saw is unknown', async () => {
      const checker = new PermissionChecker(stores.readStore);
      const [outcome] = await checker.check(TENANT_ID, [
        {
          subjectId: 'ffffffff-0000-4000-8000-000000000000',
          category: 'location-check',
          recipient: 'first-party-row',
          purpose: 'geofencing',
          at: 0,
        },
      ]);
      expect(outcome).toEqual({ known: false });
    });

    it('recomputes every subject for a version that changes a default and a region', async () => {
      for (const tenant of tenants) {
        const position = await appendVersion3(stores.eventStore, tenant.tenantId, tenant.shiftMs);
        expect(await projector.waitForPosition(position, 120_000)).toBe(true);
        await readBack(stores.eventStore, tenant);
      }
      policies = (tenant) => PolicyHistory.of(policiesOf(tenant.tenantId, tenant.shiftMs));
      for (const tenant of tenants) {
        await expectReferenceAnswers(tenant, policies(tenant));
        await expectReferenceWindows(tenant, policies(tenant));
        await expectReferenceSummaries(tenant, policies(tenant));
      }
    }, 120_000);

    it('rebuilds both projections, event by event and in bulk, to byte-identical rows and the same answers', async () => {
      const checker = new PermissionChecker(stores.readStore);
      const questions = tenants[0]!.histories.flatMap((h) =>
        h.questions.map((q) => ({ ...q, subjectId: h.subjectId })),
      );
      const before = {
        rows: await dump(stores.readStore),
        answers: await checker.check(TENANT_ID, questions),
      };
      await projector.stop();
      // Live, the projections were built in bulk from the first two versions, then took the
      // third event by event. Rebuilt event by event, with batches that cut subjects'
      // histories elsewhere, then in bulk again: the same rows each time.
      for (const settings of [
        { ...FAST, batchSize: 97, bulkBuilds: false },
        { ...FAST, bulkBatchSize: 89 },
      ]) {
        const rebuilder = new Projector({
          eventStore: stores.eventStore,
          readStore: stores.readStore,
          projections: [new ConsentStateProjection(), new FlowWindowsProjection()],
          settings,
        });
        await rebuilder.rebuild('consent_state');
        await rebuilder.rebuild('flow_windows');
        const after = {
          rows: await dump(stores.readStore),
          answers: await checker.check(TENANT_ID, questions),
        };
        expect(after.rows === before.rows).toBe(true);
        expect(after.answers).toEqual(before.answers);
      }
      expect(before.rows.length).toBeGreaterThan(10_000);
    }, 240_000);
  });
}

function tenantHistories(
  tenantId: string,
  shiftMs: number,
  histories: readonly RandomHistory[],
): TenantHistories {
  return {
    tenantId,
    shiftMs,
    histories,
    states: new Map(histories.map((h) => [h.subjectId, fold(subjectDecider, h.events)])),
    recorded: new Map(),
    policyRecords: [],
  };
}

async function readBack(store: EventStore, tenant: TenantHistories): Promise<void> {
  for (const { subjectId } of tenant.histories) {
    tenant.recorded.set(
      subjectId,
      await store.readStream(subjectStream(tenant.tenantId, subjectId)),
    );
  }
  tenant.policyRecords = await store.readStream(policyStream(tenant.tenantId));
}

function newestRecordedAt(tenant: TenantHistories): number {
  let newest = -Infinity;
  for (const events of [...tenant.recorded.values(), tenant.policyRecords]) {
    for (const event of events) newest = Math.max(newest, event.recordedAt.getTime());
  }
  return newest;
}

/** Valid times at which some count of the tenant may change. */
function changeInstants(tenant: TenantHistories, policy: PolicyHistory): number[] {
  const instants = new Set<number>(policy.versions.map((v) => v.effectiveFrom));
  for (const history of tenant.histories) {
    for (const event of history.events) {
      instants.add(Date.parse(event.occurredAt));
      if (event.type === 'consent-granted' && event.expiresAt !== undefined) {
        instants.add(Date.parse(event.expiresAt));
      }
    }
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * Compares item by item and reports the first few that differ (with the question, so a
 * failure names its subject and instant), instead of one diff of thousands of items.
 */
function expectEach(expected: readonly unknown[], actual: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  const differing: { expected: unknown; actual: unknown }[] = [];
  for (const [i, item] of expected.entries()) {
    if (differing.length >= 3) break;
    if (!isEqual(item, actual[i])) differing.push({ expected: item, actual: actual[i] });
  }
  expect(differing).toEqual([]);
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(b).toEqual(a);
    return true;
  } catch {
    return false;
  }
}
