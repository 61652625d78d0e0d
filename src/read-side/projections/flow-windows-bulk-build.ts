import { allFlowWindows } from '../../consent/domain';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BulkBuild } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { CountDeltas } from '../summary/count-deltas';
import { subjectCountIntervals, windowCountIntervals } from '../summary/count-intervals';
import type { SummaryCountsTable } from '../summary/summary-counts.table';
import { combinationRecordOf } from '../replay/flow-window-records';
import { WindowRows, type FlowWindowRowsTable } from './flow-window-rows.table';
import type { PolicyVersionsTable } from './policy-versions.table';
import { readSideEventOf } from '../replay/read-side-event';
import type { StoredFact } from '../replay/stored-fact';
import type { SubjectFactsTable } from './subject-facts.table';
import { subjectStateOf } from '../replay/subject-state-of';

/** Subjects whose windows one finishing transaction computes and writes. */
const SUBJECTS_PER_STEP = 5000;

interface FlowWindowsBulkTables {
  readonly facts: SubjectFactsTable;
  readonly policies: PolicyVersionsTable;
  readonly rows: FlowWindowRowsTable;
  readonly counts: SummaryCountsTable;
}

/**
 * `flow_windows` built from the start. Loading keeps the facts (unindexed) and the policy
 * versions and notes each tenant's newest transaction time; finishing indexes the facts,
 * sets the count watermarks, then walks every subject once, in key order, computing its
 * windows over all its facts and the tenant's whole policy history.
 *
 * That equals what the event-by-event projection leaves: there a subject's rows are its
 * last recomputation's, over all its facts and the policy history of the time, and a later
 * policy version recomputes every subject it can change (`policyChangeScope`). The counts
 * are sums of the subjects' intervals either way, split by the same final watermark.
 */
export class FlowWindowsBulkBuild implements BulkBuild {
  /** Per tenant, the newest transaction time among its events: the count watermark. */
  private readonly newest = new CountDeltas();
  private tenants: string[] | undefined;
  private after = '';

  constructor(private readonly tables: FlowWindowsBulkTables) {}

  async setupForLoad(tx: ReadStoreTransaction): Promise<void> {
    await this.tables.facts.createTable(tx);
    await this.tables.policies.setup(tx);
    await this.tables.rows.setup(tx);
    await this.tables.counts.setup(tx);
  }

  async load(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const facts: { tenantId: string; subjectId: string; fact: StoredFact }[] = [];
    for (const recorded of events) {
      const event = readSideEventOf(recorded);
      if (event.kind === 'other') continue;
      this.newest.saw(event.tenantId, recorded.recordedAt.toISOString());
      if (event.kind === 'subject-fact') facts.push(event);
      else await this.tables.policies.insert(tx, event.tenantId, event.revision, event.event);
    }
    await this.tables.facts.insertMany(tx, facts);
  }

  async finish(tx: ReadStoreTransaction): Promise<boolean> {
    if (this.tenants === undefined) {
      await this.tables.facts.createIndexes(tx);
      await this.tables.counts.write(tx, this.newest);
      this.tenants = [...this.newest.newestRecordedAt.keys()].sort();
      return this.tenants.length === 0;
    }
    const tenantId = this.tenants[0];
    if (tenantId === undefined) return true;
    const page = await this.tables.facts.loadPage(tx, tenantId, this.after, SUBJECTS_PER_STEP);
    const policy = await this.tables.policies.history(tx, tenantId);
    const rows = new WindowRows();
    const deltas = new CountDeltas();
    for (const { subjectId, facts } of page) {
      const state = subjectStateOf(facts);
      const eventIds = facts.map((fact) => fact.eventId);
      const records = allFlowWindows(state, policy).map((c) => combinationRecordOf(c, eventIds));
      rows.add(tenantId, subjectId, records);
      // A subject seen whole for the first time: it had no rows and counted nowhere before.
      deltas.replace(
        tenantId,
        [],
        [
          ...subjectCountIntervals(state),
          ...records.flatMap((record) => windowCountIntervals(record, record.windows)),
        ],
      );
    }
    await this.tables.rows.insert(tx, rows);
    await this.tables.counts.write(tx, deltas);
    if (page.length < SUBJECTS_PER_STEP) {
      this.tenants.shift();
      this.after = '';
    } else {
      this.after = page[page.length - 1]!.subjectId;
    }
    return this.tenants.length === 0;
  }
}
