import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { subjectStream } from '../../src/consent/application/streams';
import { evaluatePermission } from '../../src/consent/domain/permission/evaluate-permission';
import { allFlowWindows, flowWindows } from '../../src/consent/domain/permission/flow-windows';
import type { PolicyHistory } from '../../src/consent/domain/policy/policy-history';
import { fold } from '../../src/consent/domain/shared/decider';
import { subjectDecider } from '../../src/consent/domain/subject/subject.decider';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { Projector } from '../../src/projections/projector';
import { openReadStore } from '../../src/read-store/open-read-store';
import type { ReadStore, SqlDialect } from '../../src/read-store/read-store.port';
import { ConsentStateProjection } from '../../src/read-side/projections/consent-state.projection';
import { combinationRecordOf } from '../../src/read-side/projections/flow-window-records';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import { PermissionChecker } from '../../src/read-side/queries/check-permission/permission-checker';
import { ProjectedFlowWindows } from '../../src/read-side/queries/get-flow-windows/projected-flow-windows';
import {
  HISTORY_V2,
  HISTORY_V3,
  appendHistories,
  appendVersion3,
  randomHistories,
  type RandomHistory,
} from './random-histories';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const FAST = { batchSize: 500, idlePollMs: 20, followerPollMs: 20 };

/** Every table of the two projections, each with its whole primary key to order by. */
const TABLES: Readonly<Record<string, string>> = {
  consent_state_facts: 'tenant_id, subject_id, revision',
  consent_state_policies: 'tenant_id, revision',
  flow_windows_facts: 'tenant_id, subject_id, revision',
  flow_windows_policies: 'tenant_id, revision',
  flow_windows_rows: 'tenant_id, subject_id, category, recipient, purpose, seq',
  flow_windows_one_off_flows: 'tenant_id, subject_id, revision',
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

/**
 * For a few hundred random histories appended straight to the event store, the read side
 * must answer every check exactly as `evaluatePermission` over the same events, hold the
 * flow windows the pure computation gives, and rebuild to the same bytes.
 */
export function describeProjectionVsReference(dialect: SqlDialect, count: number): void {
  describe(`the read side over random histories, on a ${dialect} read store`, () => {
    let stores: Stores;
    let projector: Projector;
    let histories: RandomHistory[];
    const eventIds = new Map<string, string[]>();

    beforeAll(async () => {
      stores = await openStores(dialect);
      histories = randomHistories(count, 20260612);
      const head = await appendHistories(stores.eventStore, histories);
      for (const { subjectId } of histories) {
        const recorded = await stores.eventStore.readStream(subjectStream(TENANT_ID, subjectId));
        eventIds.set(
          subjectId,
          recorded.map((e) => e.id),
        );
      }
      projector = new Projector({
        eventStore: stores.eventStore,
        readStore: stores.readStore,
        projections: [new ConsentStateProjection(), new FlowWindowsProjection()],
        settings: FAST,
      });
      await projector.start();
      expect(await projector.waitForPosition(head, 15_000)).toBe(true);
    });

    afterAll(async () => {
      await projector?.stop();
      await stores?.destroy();
    });

    async function expectReferenceAnswers(policy: PolicyHistory): Promise<void> {
      const checker = new PermissionChecker(stores.readStore);
      const questions = histories.flatMap((h) =>
        h.questions.map((q) => ({ ...q, subjectId: h.subjectId })),
      );
      const outcomes = await checker.check(TENANT_ID, questions);
      let i = 0;
      for (const history of histories) {
        const state = fold(subjectDecider, history.events);
        const ids = eventIds.get(history.subjectId)!;
        for (const question of history.questions) {
          const expected = evaluatePermission(state, policy, question);
          const window = flowWindows(state, policy, question).windows.find(
            (w) => w.start <= question.at && (w.end === undefined || question.at < w.end),
          );
          expect({ question, outcome: outcomes[i++] }).toEqual({
            question,
            outcome: {
              known: true,
              answer: {
                permitted: expected.permitted,
                ...(expected.basis ? { basis: expected.basis } : {}),
                ...(expected.permitted && window ? { since: window.start } : {}),
                ...(expected.permitted && window?.end !== undefined ? { until: window.end } : {}),
                reasons: expected.reasons,
                ...(expected.policyVersion !== undefined
                  ? { policyVersion: expected.policyVersion }
                  : {}),
                evidence: expected.evidence.map((revision) => ({
                  eventId: ids[revision],
                  revision,
                  type: history.events[revision]!.type,
                })),
              },
            },
          });
        }
      }
    }

    async function expectReferenceWindows(policy: PolicyHistory): Promise<void> {
      const projected = new ProjectedFlowWindows(stores.readStore);
      for (const history of histories) {
        const ids = eventIds.get(history.subjectId)!;
        const expected = allFlowWindows(fold(subjectDecider, history.events), policy).map((c) =>
          combinationRecordOf(c, ids),
        );
        expect(await projected.read(TENANT_ID, history.subjectId, {})).toEqual(expected);
      }
    }

    it('generated enough varied histories', () => {
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
      await expectReferenceAnswers(HISTORY_V2);
    });

    it('holds the windows the pure computation gives, after a re-consent version', async () => {
      await expectReferenceWindows(HISTORY_V2);
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
      const position = await appendVersion3(stores.eventStore);
      expect(await projector.waitForPosition(position, 15_000)).toBe(true);
      await expectReferenceAnswers(HISTORY_V3);
      await expectReferenceWindows(HISTORY_V3);
    });

    it('rebuilds both projections to byte-identical rows and the same answers', async () => {
      const checker = new PermissionChecker(stores.readStore);
      const questions = histories.flatMap((h) =>
        h.questions.map((q) => ({ ...q, subjectId: h.subjectId })),
      );
      const before = {
        rows: await dump(stores.readStore),
        answers: await checker.check(TENANT_ID, questions),
      };
      await projector.rebuild('consent_state');
      await projector.rebuild('flow_windows');
      const after = {
        rows: await dump(stores.readStore),
        answers: await checker.check(TENANT_ID, questions),
      };
      expect(after.rows).toBe(before.rows);
      expect(after.answers).toEqual(before.answers);
      expect(before.rows.length).toBeGreaterThan(10_000);
    });
  });
}
