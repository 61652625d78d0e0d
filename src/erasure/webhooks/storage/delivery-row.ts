import type { DeliveryState, WebhookDelivery } from '../outbox/webhook-delivery';
import type { DeliveryRow } from './webhook-storage';

/** A row of either backend (PostgreSQL returns BIGINT as text) as a delivery. */
export function deliveryOf(row: DeliveryRow): WebhookDelivery {
  const optional = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    deliveryId: row.delivery_id,
    tenantId: row.tenant_id,
    subjectId: row.subject_id,
    erasureId: row.erasure_id,
    recipient: row.recipient,
    createdAt: Number(row.created_at),
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastAttemptAt: optional(row.last_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
  };
}
