import { TENANT_ID } from '../../shared/tenancy/stream-names';
import type { JsonValue, RecordedEvent } from '../../event-store/event-store.port';

/** The log of events that belong to no tenant. Not a valid tenant id, so no tenant can reach it. */
export const SYSTEM_LOG = '_system';

/**
 * Which tenant's log an event joins: the `tenantId` of its metadata, else of its data, when
 * it is a valid tenant id; otherwise the `_system` log. Decided from the event alone, so every
 * replica and every rebuild files it the same way.
 */
export function logOfEvent(event: RecordedEvent): string {
  return tenantIn(event.metadata.tenantId) ?? tenantIn(event.data.tenantId) ?? SYSTEM_LOG;
}

function tenantIn(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && TENANT_ID.test(value) ? value : undefined;
}
