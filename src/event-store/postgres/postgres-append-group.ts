import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { streamLockKey } from './advisory-lock-keys';
import {
  planAppendGroup,
  type AppendRequest,
  type GroupPlan,
  type StoredEvent,
  type StoredState,
} from './append-plan';
import { assumedRevisions, assumedState } from './assumed-state';
import { withClient } from './pooled-client';
import type { PostgresSql } from './postgres-sql';

export type GroupOutcome =
  | { readonly kind: 'appended'; readonly result: AppendResult; readonly wrote: boolean }
  | { readonly kind: 'refused'; readonly error: Error }
  | { readonly kind: 'deferred' };

interface GroupStateRow {
  readonly kind: 'stream' | 'event';
  readonly stream_name: string;
  readonly stream_revision: string | null;
  readonly event_id: string | null;
  readonly position: string | null;
}

/**
 * Runs one group of appends as one transaction. The pool's connections pipeline their
 * queries, so when the group's expectations pin the streams' state down (the usual case:
 * exact revisions), the whole transaction is one round trip: BEGIN, the stream locks, an
 * insert that first checks the state is what the group assumed, and COMMIT. Otherwise, or
 * when that check fails, two round trips: BEGIN, the locks and the read of the streams'
 * state; then, once every append is decided, the insert, the NOTIFY and COMMIT. Only the
 * insert and COMMIT hold the feed-wide lock. Throws only when the transaction failed as a
 * whole; then nothing of the group was written.
 */
export async function commitAppendGroup(
  pool: Pool,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<GroupOutcome[]> {
  return withClient(pool, async (client) => {
    const written = await commitAsAssumed(client, sql, schema, requests);
    if (written) return written;
    try {
      const state = await readStateUnderLocks(client, sql, schema, requests);
      const plan = planAppendGroup(requests, state);
      if (plan.rows.length === 0) {
        await client.query('ROLLBACK');
        return toOutcomes(plan, 0n);
      }
      const insert = client.query<{ base: string }>({
        ...sql.insertGroup,
        values: insertValues(plan),
      });
      const announce = client.query(sql.announce);
      const commit = client.query('COMMIT');
      await settleInOrder([insert, announce, commit]);
      // COMMIT of a transaction that failed quietly answers ROLLBACK instead of an error.
      if ((await commit).command !== 'COMMIT') {
        throw new EventStoreUnavailableError('PostgreSQL rolled the append back');
      }
      return toOutcomes(plan, BigInt((await insert).rows[0]!.base));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * The one-round-trip path: plans the group against the state its expectations assume and
 * sends BEGIN, the locks, `insertGroupIfUnchanged` and COMMIT together. The insert checks
 * under the locks that the streams hold exactly the assumed revisions and none of the ids,
 * so when it writes, the plan is the one the state read would have produced. Undefined when
 * the group cannot take this path or the check failed (then nothing was written and the
 * empty transaction is over).
 */
async function commitAsAssumed(
  client: PoolClient,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<GroupOutcome[] | undefined> {
  const assumed = assumedState(requests);
  if (!assumed) return undefined;
  const plan = planAppendGroup(requests, assumed);
  if (plan.rows.length === 0 || plan.appends.some((a) => a.kind !== 'insert')) return undefined;
  const { names, revisions } = assumedRevisions(requests, assumed);
  try {
    const locking = beginAndLockStreams(client, sql, schema, requests);
    const insert = client.query<{ base: string }>({
      ...sql.insertGroupIfUnchanged,
      values: [...insertValues(plan), names, revisions],
    });
    const commit = client.query('COMMIT');
    await settleInOrder([...locking, insert, commit]);
    if ((await commit).command !== 'COMMIT') {
      throw new EventStoreUnavailableError('PostgreSQL rolled the append back');
    }
    const row = (await insert).rows[0];
    return row ? toOutcomes(plan, BigInt(row.base)) : undefined;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * BEGIN and the stream locks, in key order, so two groups never wait for each other in a
 * cycle. Whatever is sent after them runs once the last lock is granted.
 */
function beginAndLockStreams(
  client: PoolClient,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<QueryResult<QueryResultRow>>[] {
  const keys = [...new Set(requests.map((r) => streamLockKey(schema, r.streamName)))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  return [
    client.query('BEGIN'),
    client.query({ ...sql.lockStreams, values: [keys.map((key) => key.toString())] }),
  ];
}

/** $1 … $7 of both insert statements: the row count and one array per column. */
function insertValues(plan: GroupPlan): unknown[] {
  return [
    plan.rows.length,
    plan.rows.map((r) => r.event.id),
    plan.rows.map((r) => r.streamName),
    plan.rows.map((r) => r.streamRevision),
    plan.rows.map((r) => r.event.type),
    plan.rows.map((r) => r.event.data),
    plan.rows.map((r) => r.event.metadata),
  ];
}

/**
 * The state is read by a statement that starts after the last lock is granted, so it sees
 * every append that held one of these locks before.
 */
async function readStateUnderLocks(
  client: PoolClient,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<StoredState> {
  const locking = beginAndLockStreams(client, sql, schema, requests);
  const state = client.query<GroupStateRow>({
    ...sql.readGroupState,
    values: [
      [...new Set(requests.map((r) => r.streamName))],
      requests.flatMap((r) => r.events.map((e) => e.id)),
    ],
  });
  await settleInOrder([...locking, state]);
  return toStoredState((await state).rows);
}

/**
 * Waits for every pipelined query, so none is left unobserved, and throws the failure of
 * the first one sent: the later ones only fail because the transaction was already aborted.
 */
async function settleInOrder(queries: readonly Promise<QueryResult<QueryResultRow>>[]) {
  const settled = await Promise.allSettled(queries);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}

function toStoredState(rows: readonly GroupStateRow[]): StoredState {
  const revisions = new Map<string, number>();
  const events = new Map<string, StoredEvent>();
  for (const row of rows) {
    if (row.kind === 'stream') {
      if (row.stream_revision !== null) revisions.set(row.stream_name, Number(row.stream_revision));
    } else {
      events.set(row.event_id!, {
        streamName: row.stream_name,
        streamRevision: Number(row.stream_revision),
        position: BigInt(row.position!),
      });
    }
  }
  return { revisions, events };
}

/** Positions are `base + 1 …` in row order, as the insert statement assigned them. */
function toOutcomes(plan: GroupPlan, base: bigint): GroupOutcome[] {
  return plan.appends.map((planned): GroupOutcome => {
    switch (planned.kind) {
      case 'insert':
        return {
          kind: 'appended',
          wrote: true,
          result: {
            nextExpectedRevision: planned.nextExpectedRevision,
            position: base + BigInt(planned.lastRow + 1),
          },
        };
      case 'retried':
        return { kind: 'appended', wrote: false, result: planned.result };
      case 'refused':
        return { kind: 'refused', error: planned.error };
      case 'deferred':
        return { kind: 'deferred' };
    }
  });
}
