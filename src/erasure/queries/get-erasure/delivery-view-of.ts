import type { WebhookDelivery } from '../../webhooks/outbox/webhook-delivery';
import type { WebhookDeliveryView } from '../erasure.view';

const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

/**
 * A recipient's delivery status. A notification the outbox has not taken in yet (its
 * reactor lags a moment behind the log) reads as pending with no attempt.
 */
export function deliveryViewOf(delivery: WebhookDelivery | undefined): WebhookDeliveryView {
  if (!delivery) {
    return {
      state: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      lastStatus: null,
      lastError: null,
      nextAttemptAt: null,
    };
  }
  const open = delivery.state !== 'delivered' && delivery.state !== 'failed';
  return {
    state: delivery.state,
    attempts: delivery.attempts,
    lastAttemptAt: iso(delivery.lastAttemptAt),
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    nextAttemptAt: open ? iso(delivery.nextAttemptAt) : null,
  };
}
