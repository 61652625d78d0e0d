/**
 * - `pending`: not attempted yet, or due again after the webhook was (re)configured;
 * - `unconfigured`: the recipient has no webhook yet; it waits, it has not failed;
 * - `failing`: the last attempt failed, another is scheduled;
 * - `delivered`: a 2xx answer was received; final;
 * - `failed`: every attempt failed; configuring the webhook again revives it.
 */
export type DeliveryState = 'pending' | 'unconfigured' | 'failing' | 'delivered' | 'failed';

export const DELIVERY_STATES: readonly DeliveryState[] = [
  'pending',
  'unconfigured',
  'failing',
  'delivered',
  'failed',
];

/** One notification of one recipient about one erasure request: no personal data. */
export interface NewDelivery {
  /** Derived from the `erasure-processor-notified` event: one delivery per event. */
  readonly deliveryId: string;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly erasureId: string;
  readonly recipient: string;
  /** Epoch ms; also when it is first due. */
  readonly createdAt: number;
}

/**
 * A batch of a recipient's permission changes (ADR 0046): the feed's changes for it with a
 * position in (after, upTo]. Its id derives from (tenant, recipient, upTo), so enqueuing the
 * same batch again adds nothing.
 */
export interface NewChangeDelivery {
  readonly deliveryId: string;
  readonly tenantId: string;
  readonly recipient: string;
  readonly after: number;
  readonly upTo: number;
  readonly createdAt: number;
}

/** The positions a `consent.changed` delivery carries; absent on an erasure delivery. */
export interface ChangeRange {
  readonly after: number;
  readonly upTo: number;
}

export interface WebhookDelivery extends NewDelivery {
  /** Present when the delivery is a batch of permission changes, not an erasure notice. */
  readonly changes?: ChangeRange;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastAttemptAt: number | null;
  /** HTTP status of the last attempt, when it got one. */
  readonly lastStatus: number | null;
  /** Kind of the last attempt's failure (`timeout`, `redirect`, …), never a message or body. */
  readonly lastError: string | null;
}

export interface AttemptRecord {
  readonly at: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly state: 'delivered' | 'failing' | 'failed';
  readonly nextAttemptAt: number;
}

export interface DeliveryCount {
  readonly tenantId: string;
  readonly state: DeliveryState;
  readonly count: number;
}
