import type {
  AttemptRecord,
  DeliveryCount,
  NewChangeDelivery,
  NewDelivery,
  WebhookDelivery,
} from './webhook-delivery';

/**
 * The durable outbox of erasure webhooks. It lives in the key store's database, beside the
 * keys and away from the read models, so a projection rebuild neither loses a pending
 * delivery nor forgets an acknowledged one (ADR 0015).
 */
export interface WebhookOutbox {
  /** Adds the delivery unless one with its id exists (whatever its state): idempotent. */
  enqueue(delivery: NewDelivery): Promise<void>;
  /** Adds a batch of permission changes unless one with its id exists: idempotent. */
  enqueueChanges(delivery: NewChangeDelivery): Promise<void>;
  /** The recipient's change delivery with the highest `upTo`, if any (ADR 0046). */
  latestChanges(tenantId: string, recipient: string): Promise<WebhookDelivery | undefined>;
  /**
   * Leases up to `limit` due deliveries (not delivered or failed, due by `now`, not leased
   * by anyone else) until `now + leaseMs`, earliest due first.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<WebhookDelivery[]>;
  /** Counts an attempt and releases the lease. */
  recordAttempt(deliveryId: string, attempt: AttemptRecord): Promise<void>;
  /** No webhook configured: waits without counting an attempt, and releases the lease. */
  markUnconfigured(deliveryId: string, nextAttemptAt: number): Promise<void>;
  /**
   * The recipient's webhook was (re)configured: its waiting and given-up deliveries are due
   * now, given-up ones with a fresh budget of attempts. Returns how many.
   */
  wake(tenantId: string, recipient: string, now: number): Promise<number>;
  ofErasure(tenantId: string, subjectId: string, erasureId: string): Promise<WebhookDelivery[]>;
  countsByState(): Promise<DeliveryCount[]>;
}
