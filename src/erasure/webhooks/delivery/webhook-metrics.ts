import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import type { DeliveryCount } from '../outbox/webhook-delivery';
import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import { WEBHOOK_OUTBOX } from '../webhooks.tokens';

const WEBHOOK_DELIVERIES_PENDING = 'erasure_webhook_deliveries_pending';
const WEBHOOK_DELIVERIES_FAILED = 'erasure_webhook_deliveries_failed';
const WEBHOOK_ATTEMPTS = 'erasure_webhook_delivery_attempts_total';

/**
 * Webhook delivery as metrics: deliveries not yet acknowledged (per tenant and state) and
 * given up, read from the outbox at scrape time, and attempts by outcome. Labels are the
 * tenant, the state and the outcome kind: never a subject, a URL or a response.
 */
@Injectable()
export class WebhookMetrics {
  private readonly logger = new Logger(WebhookMetrics.name);
  private readonly attempts: Counter<'tenant' | 'outcome'>;

  constructor(registry: Registry, @Inject(WEBHOOK_OUTBOX) outbox: WebhookOutbox) {
    const logger = this.logger;
    const counts = async (): Promise<DeliveryCount[]> => {
      try {
        return await outbox.countsByState();
      } catch (error) {
        logger.warn({ msg: 'webhook metrics could not read the outbox', err: error });
        return [];
      }
    };
    new Gauge({
      name: WEBHOOK_DELIVERIES_PENDING,
      help: 'Erasure webhook deliveries not acknowledged yet, per tenant and state (pending, unconfigured, failing).',
      labelNames: ['tenant', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of await counts()) {
          if (c.state === 'delivered' || c.state === 'failed') continue;
          this.set({ tenant: c.tenantId, state: c.state }, c.count);
        }
      },
    });
    new Gauge({
      name: WEBHOOK_DELIVERIES_FAILED,
      help: 'Erasure webhook deliveries given up after every attempt failed, per tenant; configuring the webhook again retries them.',
      labelNames: ['tenant'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of await counts()) {
          if (c.state === 'failed') this.set({ tenant: c.tenantId }, c.count);
        }
      },
    });
    this.attempts = new Counter({
      name: WEBHOOK_ATTEMPTS,
      help: 'Erasure webhook delivery attempts, per tenant and outcome (delivered, or the kind of failure).',
      labelNames: ['tenant', 'outcome'],
      registers: [registry],
    });
  }

  attempted(tenantId: string, outcome: string): void {
    this.attempts.inc({ tenant: tenantId, outcome });
  }
}
