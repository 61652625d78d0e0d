import { randomUUID } from 'node:crypto';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import type { EventStore, JsonObject } from '../../src/event-store/event-store.port';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { policyPublished, subjectHistory } from './subject-history';

/** Appends in flight at once: the adapter's group commit makes each wave one transaction. */
const APPENDS_PER_WAVE = 2000;

export interface SeedPlan {
  readonly tenantId: string;
  /** Events in subject streams (the policy event comes on top). */
  readonly events: number;
  /** Events per subject, 1 to 4 (see `subjectHistory`). */
  readonly eventsPerSubject: number;
}

export interface SeededLog {
  readonly subjectIds: string[];
  readonly events: number;
  readonly seconds: number;
}

/**
 * Writes a policy and `plan.events` subject events into the SQLite event store at `path`
 * through the adapter itself, one append per subject (its whole history), thousands of
 * appends per transaction.
 */
export async function seedLog(path: string, plan: SeedPlan): Promise<SeededLog> {
  const started = process.hrtime.bigint();
  const store = await openSqliteEventStore({ path });
  const subjectIds: string[] = [];
  let events = 0;
  try {
    const policy = policyPublished(plan.tenantId);
    await store.append(policyStream(plan.tenantId), [record(policy)], 'no_stream');
    while (events < plan.events) {
      const wave: Promise<unknown>[] = [];
      while (wave.length < APPENDS_PER_WAVE && events < plan.events) {
        const length = Math.min(plan.eventsPerSubject, plan.events - events);
        const history = subjectHistory(plan.tenantId, length);
        const subjectId = history[0]!.subjectId;
        subjectIds.push(subjectId);
        events += history.length;
        wave.push(appendHistory(store, plan.tenantId, subjectId, history));
      }
      await Promise.all(wave);
    }
  } finally {
    await store.close();
  }
  return { subjectIds, events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function appendHistory(
  store: EventStore,
  tenantId: string,
  subjectId: string,
  history: readonly { type: string }[],
): Promise<unknown> {
  return store.append(subjectStream(tenantId, subjectId), history.map(record), 'no_stream');
}

function record(event: { type: string }) {
  return { id: randomUUID(), type: event.type, data: event as unknown as JsonObject };
}
