import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  EventToAppend,
  RecordedEvent,
} from '../../../src/event-store/event-store.port';
import { logOfEvent } from '../../../src/audit/log/log-of-event';
import { StreamChains } from '../../../src/audit/log/stream-chains';
import { MemoryHashStore } from '../../../src/audit/merkle/testing/memory-hash-store';
import { appendLeaf, treeRoot } from '../../../src/audit/merkle/merkle-tree';

export const TENANTS = ['acme', 'globex', 'initech'] as const;

/**
 * Appends `count` events spread over the tenants (and one in eight without a tenant, for the
 * `_system` log), some carrying sealed personal fields, in appends of a few events each.
 */
export async function appendTenantEvents(store: EventStore, count: number): Promise<void> {
  for (let n = 0, appends = 0; n < count; appends++) {
    const tenant = TENANTS[appends % TENANTS.length]!;
    const batch: EventToAppend[] = [];
    for (let i = 0; i < 3 && n < count; i++, n++) batch.push(eventFor(n, tenant));
    await store.append(`subject-${tenant}-${randomUUID()}`, batch, 'no_stream');
  }
}

function eventFor(n: number, tenant: string): EventToAppend {
  if (n % 8 === 7) return { id: randomUUID(), type: 'maintenance-noted', data: { n } };
  if (n % 5 === 0) {
    return {
      id: randomUUID(),
      type: 'subject-registered',
      data: { type: 'subject-registered', tenantId: tenant, appSubjectId: `v1.sealed.${n}`, n },
      metadata: { tenantId: tenant },
    };
  }
  return {
    id: randomUUID(),
    type: 'consent-granted',
    data: { type: 'consent-granted', tenantId: tenant, n },
    metadata: { tenantId: tenant },
  };
}

/**
 * The tree each log should have, computed from the feed in memory, independently of SQL:
 * chained from each log's pin in `pins` on (from its start when it has none).
 */
export async function expectedLogs(
  events: readonly RecordedEvent[],
  pins: ReadonlyMap<string, number> = new Map(),
): Promise<Map<string, { size: number; store: MemoryHashStore; eventIds: string[] }>> {
  const logs = new Map<string, { size: number; store: MemoryHashStore; eventIds: string[] }>();
  const chains = new StreamChains((log) => pins.get(log) ?? 0);
  for (const event of events) {
    const tenant = logOfEvent(event);
    const log = logs.get(tenant) ?? { size: 0, store: new MemoryHashStore(), eventIds: [] };
    const { hash } = chains.next(event, tenant, log.size);
    log.size = await appendLeaf(log.store, log.size, hash);
    log.eventIds.push(event.id);
    logs.set(tenant, log);
  }
  return logs;
}

export async function expectedRoot(
  events: readonly RecordedEvent[],
  tenant: string,
  size: number,
): Promise<Buffer> {
  const log = (await expectedLogs(events)).get(tenant);
  if (!log) throw new Error(`no events for ${tenant}`);
  return treeRoot(log.store, size);
}
