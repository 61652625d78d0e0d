import { randomUUID } from 'node:crypto';
import { logOfEvent } from '../../src/audit/log/log-of-event';
import type { RecordedEvent, JsonObject } from '../../src/event-store/event-store.port';
import type { SqlDialect } from '../../src/read-store/read-store.port';
import type { RawSql } from './tamper-stores';

/** The ways the event store is tampered with; `none` is the control that must pass. */
export const MUTATION_KINDS = [
  'flip-byte',
  'delete-event',
  'swap-positions',
  'truncate-tail',
  'rewrite-tail',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number] | 'none';

export interface Mutation {
  readonly kind: MutationKind;
  /** Streams whose events it changes, to pick a subject to export. */
  readonly streams: readonly string[];
  /** Positions of the events it changes: what a precise verifier names. */
  readonly positions: readonly string[];
  apply(sql: RawSql): Promise<void>;
}

/** A small seeded generator (mulberry32): the same mutations on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` mutations of `kind` of the tenant's log in `feed` (the store as it was when the
 * checkpoint was signed). Each is one small change to the `events` table, made in SQL.
 */
export function planMutations(
  kind: MutationKind,
  count: number,
  feed: readonly RecordedEvent[],
  tenant: string,
  dialect: SqlDialect,
  random: () => number,
): Mutation[] {
  const ours = feed.filter((event) => logOfEvent(event) === tenant);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const plan = (): Mutation => {
    switch (kind) {
      case 'none': {
        const event = pick(ours);
        return mutation(kind, [event], (sql) =>
          sql.run(`UPDATE ${sql.table} SET data = data WHERE position = $1`, [position(event)]),
        );
      }
      case 'flip-byte': {
        const event = pick(ours);
        const data = flipOneCharacter(JSON.stringify(event.data), random);
        return mutation(kind, [event], (sql) =>
          sql.run(`UPDATE ${sql.table} SET data = $1 WHERE position = $2`, [data, position(event)]),
        );
      }
      case 'delete-event': {
        const event = pick(ours);
        return mutation(kind, [event], (sql) =>
          sql.run(`DELETE FROM ${sql.table} WHERE position = $1`, [position(event)]),
        );
      }
      case 'swap-positions': {
        const a = pick(ours);
        const b = pick(ours.filter((event) => event !== a));
        return mutation(kind, [a, b], async (sql) => {
          await sql.run(`UPDATE ${sql.table} SET position = -1 WHERE position = $1`, [position(a)]);
          await sql.run(`UPDATE ${sql.table} SET position = $1 WHERE position = $2`, [
            position(a),
            position(b),
          ]);
          await sql.run(`UPDATE ${sql.table} SET position = $1 WHERE position = -1`, [position(b)]);
        });
      }
      case 'truncate-tail': {
        const cut = feed[feed.length - between(1, 10)]!;
        const gone = feed.filter((event) => event.globalPosition >= cut.globalPosition);
        return mutation(kind, gone, (sql) =>
          sql.run(`DELETE FROM ${sql.table} WHERE position >= $1`, [position(cut)]),
        );
      }
      case 'rewrite-tail': {
        const rewritten = ours.slice(-between(1, 8));
        const extra = random() < 0.5 ? 0 : between(1, 3);
        const head = feed[feed.length - 1]!.globalPosition;
        return mutation(kind, rewritten, async (sql) => {
          for (const event of rewritten) {
            await sql.run(`UPDATE ${sql.table} SET event_id = $1, data = $2 WHERE position = $3`, [
              randomUUID(),
              JSON.stringify(rewrite(event.data)),
              position(event),
            ]);
          }
          for (let i = 1; i <= extra; i++) {
            await sql.run(
              `INSERT INTO ${sql.table} (position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at)
               VALUES ($1, $2, $3, 0, 'maintenance-noted', $4, $5, $6)`,
              [
                (head + BigInt(i)).toString(),
                randomUUID(),
                `maintenance-${randomUUID()}`,
                JSON.stringify({ tenantId: tenant, n: i }),
                JSON.stringify({ tenantId: tenant }),
                dialect === 'sqlite' ? Date.now() : new Date().toISOString(),
              ],
            );
          }
        });
      }
    }
  };
  return Array.from({ length: count }, plan);
}

function mutation(
  kind: MutationKind,
  events: readonly RecordedEvent[],
  apply: (sql: RawSql) => Promise<void>,
): Mutation {
  return {
    kind,
    streams: [...new Set(events.map((event) => event.streamName))],
    positions: events.map(position),
    apply,
  };
}

function position(event: RecordedEvent): string {
  return event.globalPosition.toString();
}

/**
 * Changes one letter or digit inside a JSON string of `text` (a key or a value, never an
 * escape sequence) into another of its kind: the payload stays valid JSON, so the store
 * still reads it and only the audit trail can tell.
 */
export function flipOneCharacter(text: string, random: () => number): string {
  const candidates: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!inString) {
      inString = c === '"';
    } else if (c === '\\') {
      i += text[i + 1] === 'u' ? 5 : 1;
    } else if (c === '"') {
      inString = false;
    } else if (/[A-Za-z0-9]/.test(c)) {
      candidates.push(i);
    }
  }
  const at = candidates[Math.floor(random() * candidates.length)]!;
  const alphabet = /[0-9]/.test(text[at]!)
    ? '0123456789'
    : /[a-z]/.test(text[at]!)
      ? 'abcdefghijklmnopqrstuvwxyz'
      : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const others = alphabet.replace(text[at]!, '');
  const replacement = others[Math.floor(random() * others.length)]!;
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

/** A different event in the same place: its valid time a day later, or a field added. */
function rewrite(data: JsonObject): JsonObject {
  const occurredAt = data.occurredAt;
  if (typeof occurredAt !== 'string') return { ...data, rewritten: true };
  return { ...data, occurredAt: new Date(Date.parse(occurredAt) + 86_400_000).toISOString() };
}
