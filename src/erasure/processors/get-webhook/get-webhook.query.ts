import { Query } from '@nestjs/cqrs';
import type { ProcessorWebhookStateView } from './webhook-state.view';

/** A recipient's webhook as configured, or undefined when it has none. */
export class GetWebhookQuery extends Query<ProcessorWebhookStateView | undefined> {
  constructor(
    readonly tenantId: string,
    readonly recipient: string,
  ) {
    super();
  }
}
