import type { SqlRow } from '../../../read-store/read-store.port';
import { asNumber, asString, orNull } from '../../../read-store';
import {
  DELIVERY_STATES,
  type DeliveryState,
  type WebhookDelivery,
} from '../outbox/webhook-delivery';

/** Columns of a delivery row, as `deliveryOf` reads them. */
export const DELIVERY_COLUMNS =
  'delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state, attempts, next_attempt_at, last_attempt_at, last_status, last_error, kind, after_position, up_to';

/** A row of either backend (PostgreSQL returns BIGINT as text) as a delivery. */
export function deliveryOf(row: SqlRow): WebhookDelivery {
  const changes =
    row.kind === 'consent.changed'
      ? { changes: { after: asNumber(row.after_position), upTo: asNumber(row.up_to) } }
      : {};
  return {
    ...changes,
    deliveryId: asString(row.delivery_id),
    tenantId: asString(row.tenant_id),
    subjectId: asString(row.subject_id),
    erasureId: asString(row.erasure_id),
    recipient: asString(row.recipient),
    createdAt: asNumber(row.created_at),
    state: asDeliveryState(row.state),
    attempts: asNumber(row.attempts),
    nextAttemptAt: asNumber(row.next_attempt_at),
    lastAttemptAt: orNull(row.last_attempt_at, asNumber),
    lastStatus: orNull(row.last_status, asNumber),
    lastError: orNull(row.last_error, asString),
  };
}

export function asDeliveryState(value: unknown): DeliveryState {
  const state = DELIVERY_STATES.find((known) => known === value);
  if (state === undefined) throw new TypeError('expected a delivery state column value');
  return state;
}
