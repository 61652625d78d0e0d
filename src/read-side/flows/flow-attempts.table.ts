import type {
  ReadStoreTransaction,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type { GlobalPosition } from '../../event-store/event-store.port';
import { insertRows } from '../../projections';
import type { FlowAttempt } from './flow-attempt';

const ATTEMPT_COLUMNS = [
  'tenant_id',
  'subject_id',
  'revision',
  'feed_position',
  'event_id',
  'outcome',
  'sync_id',
  'category',
  'recipient',
  'purpose',
  'flow_precision',
  'user_initiated',
  'policy_version',
  'basis',
  'reasons',
  'occurred_at',
  'recorded_at',
];

/** Where a row sits (tenant, feed order), not part of the attempt `flowAttemptOf` reads. */
const ROW_PLACEMENT_COLUMNS: ReadonlySet<string> = new Set(['tenant_id', 'feed_position']);

function attemptRow(tenantId: string, position: GlobalPosition, flow: FlowAttempt): SqlValue[] {
  return [
    tenantId,
    flow.subjectId,
    flow.revision,
    positionText(position),
    flow.eventId,
    flow.outcome,
    flow.syncId,
    flow.category,
    flow.recipient,
    flow.purpose,
    flow.precision,
    flow.userInitiated ? 1 : 0,
    flow.policyVersion,
    flow.basis ?? null,
    flow.reasons ? JSON.stringify(flow.reasons) : null,
    flow.occurredAt,
    flow.recordedAt,
  ];
}

/** Positions are unsigned 64-bit: 20 decimal digits, zero-padded so that they order as text. */
const POSITION_DIGITS = 20;

export function positionText(position: GlobalPosition): string {
  return position.toString().padStart(POSITION_DIGITS, '0');
}

/**
 * One row per sync (recorded or refused), keyed by (tenant, subject, revision): a subject's
 * flows are one range of the primary key, and the tenant's recorded flows one scan in
 * (subject, revision) order. Each row keeps the global position of its event, so a reader
 * combining it with another projection can stop at that one's position.
 */
export class FlowAttemptsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_attempts`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      feed_position TEXT NOT NULL,
      event_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      sync_id TEXT NOT NULL,
      category TEXT NOT NULL,
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      flow_precision TEXT NOT NULL,
      user_initiated INTEGER NOT NULL,
      policy_version INTEGER NOT NULL,
      basis TEXT,
      reasons TEXT,
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id, revision)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  /** Inserts many flows (each with its tenant and feed position) with multi-row statements. */
  async insertMany(
    tx: ReadStoreTransaction,
    flows: readonly { tenantId: string; position: GlobalPosition; flow: FlowAttempt }[],
  ): Promise<void> {
    await insertRows(
      tx,
      this.name,
      ATTEMPT_COLUMNS,
      flows.map(({ tenantId, position, flow }) => attemptRow(tenantId, position, flow)),
    );
  }

  /** Up to `limit` of the subject's flows after stream revision `after`, in stream order. */
  async page(
    executor: SqlExecutor,
    tenantId: string,
    subjectId: string,
    after: number,
    limit: number,
  ): Promise<FlowAttempt[]> {
    const rows = await executor.query(
      `SELECT ${COLUMNS} FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id = $2 AND revision > $3
       ORDER BY revision LIMIT $4`,
      [tenantId, subjectId, after, limit],
    );
    return rows.map(flowAttemptOf);
  }
}

/** The columns `flowAttemptOf` reads, optionally qualified by a table alias. */
export function flowAttemptColumns(alias?: string): string {
  const prefix = alias === undefined ? '' : `${alias}.`;
  return ATTEMPT_COLUMNS.filter((column) => !ROW_PLACEMENT_COLUMNS.has(column))
    .map((column) => `${prefix}${column}`)
    .join(', ');
}

const COLUMNS = flowAttemptColumns();

export function flowAttemptOf(row: SqlRow): FlowAttempt {
  const basis = row.basis === null ? undefined : asString(row.basis);
  const reasons = row.reasons === null ? undefined : asString(row.reasons);
  return {
    subjectId: asString(row.subject_id),
    revision: asNumber(row.revision),
    eventId: asString(row.event_id),
    outcome: asString(row.outcome) as FlowAttempt['outcome'],
    syncId: asString(row.sync_id),
    category: asString(row.category),
    recipient: asString(row.recipient),
    purpose: asString(row.purpose),
    precision: asString(row.flow_precision) as FlowAttempt['precision'],
    userInitiated: asNumber(row.user_initiated) === 1,
    policyVersion: asNumber(row.policy_version),
    ...(basis !== undefined ? { basis: basis as FlowAttempt['basis'] } : {}),
    ...(reasons !== undefined ? { reasons: JSON.parse(reasons) as FlowAttempt['reasons'] } : {}),
    occurredAt: asString(row.occurred_at),
    recordedAt: asString(row.recorded_at),
  };
}
