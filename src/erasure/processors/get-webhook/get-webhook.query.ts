import { Query } from '@nestjs/cqrs';
import type { ProcessorWebhookView } from '../configure-webhook/configured-webhook.view';

/** A recipient's webhook as configured, or undefined when it has none. */
export class GetWebhookQuery extends Query<ProcessorWebhookView | undefined> {
  constructor(
    readonly tenantId: string,
    readonly recipient: string,
  ) {
    super();
  }
}
