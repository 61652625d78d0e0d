import { appendChannel } from './postgres-schema-name';

/** int8 columns come back as text (exact), aliased as themselves: order by `e.` columns. */
const EVENT_COLUMNS =
  'e.position::text AS position, e.event_id::text AS event_id, e.stream_name, ' +
  'e.stream_revision::text AS stream_revision, e.event_type, e.data, e.metadata, e.recorded_at';

/**
 * A named statement: each pooled connection parses and plans it once, then only binds
 * values. Planning cost more than the round trip itself on these statements.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** The statements of one schema; the schema name was validated, so splicing it in is safe. */
export class PostgresSql {
  readonly readAll: PreparedStatement;
  readonly readStream: PreparedStatement;
  readonly head: PreparedStatement;
  readonly readGroupState: PreparedStatement;
  readonly insertGroup: PreparedStatement;
  readonly insertGroupIfUnchanged: PreparedStatement;
  readonly lockStreams: PreparedStatement;
  readonly announce: string;
  readonly channel: string;

  constructor(schema: string) {
    const s = `"${schema}"`;
    this.channel = appendChannel(schema);

    this.readAll = named(
      'read_all',
      `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
      WHERE e.position > $1::bigint ORDER BY e.position LIMIT $2`,
    );

    this.readStream = named(
      'read_stream',
      `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
      WHERE e.stream_name = $1 AND e.stream_revision >= $2 ORDER BY e.stream_revision LIMIT $3`,
    );

    this.head = named('head', `SELECT last_position::text AS position FROM ${s}.feed_head`);

    // One round trip for everything an append group decides on: each stream's last revision
    // (an index probe per stream) and whichever of the group's ids are already stored.
    this.readGroupState = named(
      'read_group_state',
      `
      SELECT 'stream' AS kind, g.name AS stream_name,
             (SELECT max(e.stream_revision) FROM ${s}.events e WHERE e.stream_name = g.name)::text
               AS stream_revision,
             NULL::text AS event_id, NULL::text AS position
        FROM unnest($1::text[]) AS g(name)
      UNION ALL
      SELECT 'event', stream_name, stream_revision::text, event_id::text, position::text
        FROM ${s}.events WHERE event_id = ANY($2::uuid[])`,
    );

    // Both append statements insert the group ($2…$7, one array per column) at the positions
    // after the base their `head` step took, with the recorded_at it set.
    const insertAfterHead = `INSERT INTO ${s}.events
          (position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at)
        SELECT head.base + r.ord, r.event_id, r.stream_name, r.stream_revision,
               r.event_type, r.data, r.metadata, head.last_recorded_at
          FROM head,
               unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
                 WITH ORDINALITY AS r(event_id, stream_name, stream_revision, event_type, data, metadata, ord)`;

    // Locking the feed_head row is what serialises appends: positions are taken and used
    // while it is held, and it is released only once the transaction is visible, so the
    // feed never gets a hole that is filled later. Every event of the group shares one
    // recorded_at that never goes backwards along the feed.
    this.insertGroup = named(
      'insert_group',
      `
      WITH head AS (
        UPDATE ${s}.feed_head
           SET last_position = last_position + $1::bigint,
               last_recorded_at = greatest(clock_timestamp(), last_recorded_at)
        RETURNING last_position - $1::bigint AS base, last_recorded_at
      ), inserted AS (
        ${insertAfterHead}
      )
      SELECT base::text AS base FROM head`,
    );

    // The one-round-trip form of an append group (docs/adr/0004-postgres-global-order.md):
    // sent right behind the stream locks, it checks that every stream holds the revision the
    // group assumed ($8, $9: NULL for no stream) and that none of the ids is stored, and only
    // then takes positions and inserts exactly as insert_group does, and announces the append.
    // When the check fails it writes nothing and returns no row. Each stream and each id is
    // probed through its index by a scalar subquery, which the planner cannot turn into a
    // join: `NOT EXISTS (… event_id = ANY($2))` was planned as a sequential scan hoping to stop
    // early, and with no match (the usual case) it read the whole table on every append.
    this.insertGroupIfUnchanged = named(
      'insert_group_if_unchanged',
      `
      WITH unchanged AS (
        SELECT NOT EXISTS (
                 SELECT 1 FROM unnest($8::text[], $9::bigint[]) AS a(name, revision)
                  WHERE (SELECT max(e.stream_revision) FROM ${s}.events e WHERE e.stream_name = a.name)
                        IS DISTINCT FROM a.revision)
           AND NOT EXISTS (
                 SELECT 1 FROM unnest($2::uuid[]) AS i(id)
                  WHERE (SELECT true FROM ${s}.events e WHERE e.event_id = i.id)) AS ok
      ), head AS (
        UPDATE ${s}.feed_head
           SET last_position = last_position + $1::bigint,
               last_recorded_at = greatest(clock_timestamp(), last_recorded_at)
         WHERE (SELECT ok FROM unchanged)
        RETURNING last_position - $1::bigint AS base, last_recorded_at
      ), inserted AS (
        ${insertAfterHead}
      )
      SELECT base::text AS base, pg_notify('${this.channel}', '')::text AS announced FROM head`,
    );

    // All of a group's stream locks in one statement, taken in the order of the (sorted)
    // array: a function scan yields the elements in order and locks each as it goes.
    this.lockStreams = named(
      'lock_streams',
      'SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k',
    );

    // NOTIFY is transactional: listeners in other processes hear it once the commit is visible.
    this.announce = `SELECT pg_notify('${this.channel}', '')`;
  }
}

function named(name: string, text: string): PreparedStatement {
  return { name: `consent_ledger_${name}`, text };
}
