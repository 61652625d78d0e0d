import { factChangeScope, policyChangeScope } from '../../consent/domain';
import type { PolicyHistory } from '../../consent/domain';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { PolicyVersionsTable, SubjectFactsTable } from '../../read-side';
import { readSideEventOf, subjectStateOf, type StoredFact } from '../../read-side/replay';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { toIso } from '../../shared/time/instant';
import {
  reevaluateSubject,
  UNSEEN_SUBJECT,
  type ChangeTrigger,
  type FollowedSubject,
  type PermissionChange,
} from '../domain';
import type { FeedChange } from './feed-change-row';
import type { FeedChangesTable } from './feed-changes.table';
import type { FeedHeadsTable } from './feed-heads.table';
import {
  compareDue,
  compareText,
  type DueSubject,
  type FeedSubjectsTable,
} from './feed-subjects.table';

interface FeedTables {
  readonly facts: SubjectFactsTable;
  readonly policies: PolicyVersionsTable;
  readonly changes: FeedChangesTable;
  readonly subjects: FeedSubjectsTable;
  readonly heads: FeedHeadsTable;
}

interface LoadedSubject {
  readonly facts: StoredFact[];
  followed: FollowedSubject;
}

/** The event being applied: every change it brings out names it. */
interface Cause {
  readonly eventId: string;
  readonly position: string;
}

/**
 * The work of one batch of events on the feed. Subjects and facts are written through as
 * they change (the due-subject query reads them); the changes, the heads and the clock are
 * written once at `finish`. Subjects read once are kept for the rest of the batch.
 */
export class FeedBatch {
  private readonly loaded = new Map<string, LoadedSubject>();
  private readonly histories = new Map<string, PolicyHistory>();
  private readonly heads = new Map<string, number>();
  private readonly emitted = new Map<string, FeedChange[]>();

  private constructor(
    private readonly tables: FeedTables,
    private readonly tx: ReadStoreTransaction,
    private clock: number,
    /** The earliest instant any subject is due at, kept exact as subjects are saved. */
    private earliestDue: number | undefined,
  ) {}

  static async start(tables: FeedTables, tx: ReadStoreTransaction): Promise<FeedBatch> {
    const clock = await tables.heads.clock(tx);
    const earliestDue = await tables.subjects.earliestDue(tx);
    return new FeedBatch(tables, tx, clock, earliestDue);
  }

  async apply(recorded: RecordedEvent): Promise<void> {
    this.clock = Math.max(this.clock, recorded.recordedAt.getTime());
    const cause = { eventId: recorded.id, position: recorded.globalPosition.toString() };
    if (this.earliestDue !== undefined && this.earliestDue <= this.clock)
      await this.passTime(cause);
    const event = readSideEventOf(recorded);
    if (event.kind === 'subject-fact') {
      await this.addFact(event.tenantId, event.subjectId, event.fact, cause);
    } else if (event.kind === 'policy-published') {
      const previous = (await this.history(event.tenantId)).latest;
      await this.tables.policies.insert(this.tx, event.tenantId, event.revision, event.event);
      this.histories.delete(event.tenantId);
      const history = await this.history(event.tenantId);
      const scope = policyChangeScope(previous, history.latest!);
      const subjects =
        scope.kind === 'all-subjects'
          ? await this.tables.facts.subjects(this.tx, event.tenantId)
          : scope.kind === 'subjects-that-granted'
            ? await this.tables.facts.subjectsThatGranted(this.tx, event.tenantId, scope.categories)
            : [];
      const validFrom = history.latest!.effectiveFrom;
      for (const subjectId of [...subjects].sort(compareText)) {
        await this.reevaluate(event.tenantId, subjectId, this.clock, validFrom, cause, 'event');
      }
    }
  }

  /** Writes the changes, the heads and the clock. */
  async finish(): Promise<void> {
    for (const [tenantId, changes] of this.emitted) {
      await this.tables.changes.insert(this.tx, tenantId, changes);
      await this.tables.heads.setHead(this.tx, tenantId, this.heads.get(tenantId)!);
    }
    if (Number.isFinite(this.clock)) await this.tables.heads.setClock(this.tx, this.clock);
  }

  private async addFact(
    tenantId: string,
    subjectId: string,
    fact: StoredFact,
    cause: Cause,
  ): Promise<void> {
    const subject = await this.subject(tenantId, subjectId, fact.revision === 0);
    await this.tables.facts.insert(this.tx, tenantId, subjectId, fact);
    subject.facts.push(fact);
    // A refused sync or a step of the erasure workflow changes no answer, now or later.
    if (factChangeScope(fact.event) === 'nothing') return;
    const validFrom = Date.parse(fact.event.occurredAt);
    await this.reevaluate(tenantId, subjectId, this.clock, validFrom, cause, 'event');
  }

  /**
   * Time moved to the clock: every subject due by then is looked at again at the instant it
   * was due, earliest first (ties by tenant, then subject), until none is due by the clock.
   */
  private async passTime(cause: Cause): Promise<void> {
    const queue = await this.tables.subjects.dueBy(this.tx, this.clock);
    while (queue.length > 0) {
      const { tenantId, subjectId, due } = queue.shift()!;
      const next = await this.reevaluate(tenantId, subjectId, due, due, cause, 'time');
      if (next !== undefined && next <= this.clock)
        insertSorted(queue, { tenantId, subjectId, due: next });
    }
    this.earliestDue = await this.tables.subjects.earliestDue(this.tx);
  }

  /** Rule 1 for the subject at `at`; emits what changed; resolves to its next due instant. */
  private async reevaluate(
    tenantId: string,
    subjectId: string,
    at: number,
    validFrom: number,
    cause: Cause,
    trigger: ChangeTrigger,
  ): Promise<number | undefined> {
    const subject = await this.subject(tenantId, subjectId, false);
    const state = subjectStateOf(subject.facts);
    const policy = await this.history(tenantId);
    const { changes, followed } = reevaluateSubject(
      subjectId,
      subject.followed,
      state,
      policy,
      at,
      validFrom,
    );
    subject.followed = followed;
    await this.tables.subjects.save(this.tx, tenantId, subjectId, followed);
    const due = followed.nextDue;
    if (due !== undefined && (this.earliestDue === undefined || due < this.earliestDue)) {
      this.earliestDue = due;
    }
    await this.emit(tenantId, changes, cause, trigger);
    return followed.nextDue;
  }

  private async emit(
    tenantId: string,
    changes: readonly PermissionChange[],
    cause: Cause,
    trigger: ChangeTrigger,
  ): Promise<void> {
    if (changes.length === 0) return;
    let head = this.heads.get(tenantId) ?? (await this.tables.heads.head(this.tx, tenantId));
    const list = this.emitted.get(tenantId) ?? [];
    for (const change of changes) {
      head += 1;
      list.push({
        position: head,
        subjectId: change.subjectId,
        category: change.category,
        recipient: change.recipient,
        purpose: change.purpose,
        permitted: change.permitted,
        basis: change.basis ?? null,
        validFrom: toIso(change.validFrom),
        causeEventId: cause.eventId,
        causePosition: cause.position,
        trigger,
        policyVersion: change.policyVersion ?? null,
      });
    }
    this.heads.set(tenantId, head);
    this.emitted.set(tenantId, list);
  }

  /** The subject's facts and what the feed said of it; `isNew`: its first event is coming. */
  private async subject(
    tenantId: string,
    subjectId: string,
    isNew: boolean,
  ): Promise<LoadedSubject> {
    const key = `${tenantId}\u0000${subjectId}`;
    let subject = this.loaded.get(key);
    if (!subject) {
      subject = isNew
        ? { facts: [], followed: UNSEEN_SUBJECT }
        : {
            facts: await this.tables.facts.load(this.tx, tenantId, subjectId),
            followed:
              (await this.tables.subjects.load(this.tx, tenantId, subjectId)) ?? UNSEEN_SUBJECT,
          };
      this.loaded.set(key, subject);
    }
    return subject;
  }

  private async history(tenantId: string): Promise<PolicyHistory> {
    let history = this.histories.get(tenantId);
    if (!history) {
      history = await this.tables.policies.history(this.tx, tenantId);
      this.histories.set(tenantId, history);
    }
    return history;
  }
}

function insertSorted(queue: DueSubject[], item: DueSubject): void {
  let index = queue.findIndex((other) => compareDue(item, other) < 0);
  if (index < 0) index = queue.length;
  queue.splice(index, 0, item);
}
