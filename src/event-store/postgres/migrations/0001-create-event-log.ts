import type { Migration } from './migration';

/**
 * Data and metadata are `text`, not `jsonb`: jsonb refuses \u0000 and reorders keys, and the
 * audit log hashes exactly the bytes that were stored. `feed_head` is the single row every
 * append locks to take its positions (see docs/adr/0004-postgres-global-order.md); it also
 * keeps `recorded_at` from ever going backwards along the feed.
 */
export const createEventLog: Migration = {
  version: 1,
  name: 'create event log',
  sql: (s) => `
    CREATE TABLE ${s}.events (
      position        bigint      PRIMARY KEY,
      event_id        uuid        NOT NULL UNIQUE,
      stream_name     text        NOT NULL,
      stream_revision bigint      NOT NULL,
      event_type      text        NOT NULL,
      data            text        NOT NULL,
      metadata        text        NOT NULL,
      recorded_at     timestamptz NOT NULL,
      CONSTRAINT events_stream_revision_key UNIQUE (stream_name, stream_revision)
    );
    CREATE TABLE ${s}.feed_head (
      only_row         boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
      last_position    bigint      NOT NULL,
      last_recorded_at timestamptz
    );
    INSERT INTO ${s}.feed_head (last_position) VALUES (0);
  `,
};
