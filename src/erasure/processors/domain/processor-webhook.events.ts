import type { IsoInstant } from '../../../shared/time/instant';

/** What a webhook may be sent (ADR 0046). Erasure notices are always among them. */
export const WEBHOOK_EVENT_TYPES = ['erasure.requested', 'consent.changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The events of a webhook configured without a choice: erasure notices only, as before. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEventType[] = ['erasure.requested'];

/**
 * A tenant admin pointed a recipient's erasure notifications at a webhook (ADR 0015). In
 * the tenant's `processors-<tenant>` stream. The signing secret is not in it: only the
 * random id under which the key store keeps it, wrapped.
 */
export interface ProcessorWebhookConfigured {
  readonly type: 'processor-webhook-configured';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  /** A recipient key of the tenant's policy. */
  readonly recipient: string;
  readonly url: string;
  /** Id of the signing secret in force from this event on. */
  readonly secretId: string;
  /** True when this event put a new secret in force (first configuration or rotation). */
  readonly secretRotated: boolean;
  readonly occurredAt: IsoInstant;
  /** What the webhook is sent from this event on; absent: `DEFAULT_WEBHOOK_EVENTS`. */
  readonly events?: WebhookEventType[];
}

export type ProcessorEvent = ProcessorWebhookConfigured;
