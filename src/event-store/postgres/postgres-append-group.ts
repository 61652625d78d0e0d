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
 * Runs one group of appends as one transaction in two round trips (the pool's connections
 * pipeline their queries): first BEGIN, the stream locks and the read of the streams' state;
 * then, once every append is decided, the insert, the NOTIFY and COMMIT. Only that second
 * trip holds the feed-wide lock. Throws only when the transaction failed as a whole; then
 * nothing of the group was written.
 */
export async function commitAppendGroup(
  pool: Pool,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<GroupOutcome[]> {
  return withClient(pool, async (client) => {
    try {
      const state = await readStateUnderLocks(client, sql, schema, requests);
      const plan = planAppendGroup(requests, state);
      if (plan.rows.length === 0) {
        await client.query('ROLLBACK');
        return toOutcomes(plan, 0n);
      }
      const insert = client.query<{ base: string }>({
        ...sql.insertGroup,
        values: [
          plan.rows.length,
          plan.rows.map((r) => r.event.id),
          plan.rows.map((r) => r.streamName),
          plan.rows.map((r) => r.streamRevision),
          plan.rows.map((r) => r.event.type),
          plan.rows.map((r) => r.event.data),
          plan.rows.map((r) => r.event.metadata),
        ],
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
 * Stream locks are taken in key order, so two groups never wait for each other in a cycle.
 * The state is read by a statement that starts after the last lock is granted, so it sees
 * every append that held one of these locks before.
 */
async function readStateUnderLocks(
  client: PoolClient,
  sql: PostgresSql,
  schema: string,
  requests: readonly AppendRequest[],
): Promise<StoredState> {
  const keys = [...new Set(requests.map((r) => streamLockKey(schema, r.streamName)))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const locking = [
    client.query('BEGIN'),
    ...keys.map((key) => client.query({ ...sql.lockStream, values: [key.toString()] })),
  ];
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
