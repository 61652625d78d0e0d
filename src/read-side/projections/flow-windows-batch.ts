import { factChangeScope, allFlowWindows, flowWindows, subjectDecider } from '../../consent/domain';
import type { PolicyHistory, Permission } from '../../consent/domain';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { CountDeltas } from '../summary/count-deltas';
import { subjectCountIntervals, windowCountIntervals } from '../summary/count-intervals';
import { combinationRecordOf, type CombinationRecord } from '../replay/flow-window-records';
import {
  combinationKey,
  subjectKey,
  WindowRows,
  type FlowWindowRowsTable,
  type ReplacedWindow,
} from './flow-window-rows.table';
import type { PolicyVersionsTable } from './policy-versions.table';
import type { StoredFact } from '../replay/stored-fact';
import { foldFacts } from '../replay/subject-state-of';
import type { SubjectFactsTable } from './subject-facts.table';

interface FlowWindowsTables {
  readonly facts: SubjectFactsTable;
  readonly policies: PolicyVersionsTable;
  readonly rows: FlowWindowRowsTable;
}

interface PendingSubject {
  readonly tenantId: string;
  readonly subjectId: string;
  /** The facts this batch added, in revision order. */
  readonly newFacts: StoredFact[];
  /** Whose windows to recompute: every combination's, these, or (empty) none. */
  scope: 'all' | Map<string, Permission>;
  /** Whether its registration, Local Data Mode or erasure may have changed. */
  subjectChanged: boolean;
}

/**
 * The work of a batch of events on `flow_windows`, gathered in memory and written at
 * `flush`: facts with multi-row inserts; each subject's windows recomputed once, over all
 * its facts, for the union of the combinations its events touched (the same rows as one
 * recomputation per event, since an event changes no windows outside its scope, see
 * `factChangeScope`); subjects first seen in the batch need no read at all. The count
 * changes are gathered in `deltas`.
 */
export class FlowWindowsBatch {
  readonly deltas = new CountDeltas();
  private readonly facts: { tenantId: string; subjectId: string; fact: StoredFact }[] = [];
  private readonly pending = new Map<string, PendingSubject>();

  constructor(
    private readonly tables: FlowWindowsTables,
    private readonly tx: ReadStoreTransaction,
  ) {}

  addFact(tenantId: string, subjectId: string, fact: StoredFact): void {
    this.facts.push({ tenantId, subjectId, fact });
    const subject = this.subject(tenantId, subjectId);
    subject.newFacts.push(fact);
    const scope = factChangeScope(fact.event);
    if (scope === 'nothing') return;
    if (scope === 'all') {
      subject.scope = 'all';
      subject.subjectChanged = true;
    } else if (subject.scope !== 'all') {
      const combination = {
        category: scope.category,
        recipient: scope.recipient,
        purpose: scope.purpose,
      };
      subject.scope.set(combinationKey(combination), combination);
    }
  }

  /** Every combination of the subject is to be recomputed (a policy version changed them). */
  recomputeAll(tenantId: string, subjectId: string): void {
    this.subject(tenantId, subjectId).scope = 'all';
  }

  /** Writes the facts and the recomputed windows gathered so far. */
  async flush(): Promise<void> {
    await this.tables.facts.insertMany(this.tx, this.facts);
    this.facts.length = 0;
    const byTenant = new Map<string, PendingSubject[]>();
    for (const subject of this.pending.values()) {
      if (subject.scope !== 'all' && subject.scope.size === 0) continue;
      const list = byTenant.get(subject.tenantId) ?? [];
      list.push(subject);
      byTenant.set(subject.tenantId, list);
    }
    this.pending.clear();
    const work: { subject: PendingSubject; facts: readonly StoredFact[]; policy: PolicyHistory }[] =
      [];
    for (const [tenantId, subjects] of byTenant) {
      const policy = await this.tables.policies.history(this.tx, tenantId);
      // Subjects first seen in this batch have all their facts in memory.
      const stored = await this.tables.facts.loadMany(
        this.tx,
        tenantId,
        subjects.filter((s) => s.newFacts[0]?.revision !== 0).map((s) => s.subjectId),
      );
      for (const subject of subjects) {
        const facts =
          subject.newFacts[0]?.revision === 0
            ? subject.newFacts
            : (stored.get(subject.subjectId) ?? []);
        work.push({ subject, facts, policy });
      }
    }
    // Every subject's old rows in the recomputed scope go in one pass; a subject with no
    // facts before this batch has none.
    const removed = await this.tables.rows.removeMany(
      this.tx,
      work.flatMap(({ subject, facts }) => {
        if (firstNewRevision(subject, facts) === 0) return [];
        const { tenantId, subjectId, scope } = subject;
        if (scope === 'all') return [{ tenantId, subjectId }];
        return [...scope.values()].map((only) => ({ tenantId, subjectId, only }));
      }),
    );
    const rows = new WindowRows();
    for (const { subject, facts, policy } of work) {
      const before = removed.get(subjectKey(subject.tenantId, subject.subjectId)) ?? [];
      this.recompute(subject, facts, policy, before, rows);
    }
    await this.tables.rows.insert(this.tx, rows);
  }

  private recompute(
    subject: PendingSubject,
    facts: readonly StoredFact[],
    policy: PolicyHistory,
    removed: readonly ReplacedWindow[],
    rows: WindowRows,
  ): void {
    const { tenantId, subjectId, scope } = subject;
    const firstNew = firstNewRevision(subject, facts);
    const before = foldFacts(subjectDecider.initialState(), facts.slice(0, firstNew), 0);
    const state = foldFacts(before, facts.slice(firstNew), firstNew);
    const eventIds = facts.map((fact) => fact.eventId);

    const records: CombinationRecord[] =
      scope === 'all'
        ? allFlowWindows(state, policy).map((c) => combinationRecordOf(c, eventIds))
        : [...scope.values()].map((combination) =>
            combinationRecordOf(
              { ...combination, ...flowWindows(state, policy, combination) },
              eventIds,
            ),
          );
    rows.add(tenantId, subjectId, records);
    if (subject.subjectChanged) {
      this.deltas.replace(tenantId, subjectCountIntervals(before), subjectCountIntervals(state));
    }
    this.deltas.replace(
      tenantId,
      removed.flatMap(({ combination, window }) => windowCountIntervals(combination, [window])),
      records.flatMap((record) => windowCountIntervals(record, record.windows)),
    );
  }

  private subject(tenantId: string, subjectId: string): PendingSubject {
    const key = `${tenantId}\u0000${subjectId}`;
    let subject = this.pending.get(key);
    if (!subject) {
      subject = { tenantId, subjectId, newFacts: [], scope: new Map(), subjectChanged: false };
      this.pending.set(key, subject);
    }
    return subject;
  }
}

/** The revision of the subject's first fact this batch added; all its facts when none. */
function firstNewRevision(subject: PendingSubject, facts: readonly StoredFact[]): number {
  return subject.newFacts[0]?.revision ?? facts.length;
}
