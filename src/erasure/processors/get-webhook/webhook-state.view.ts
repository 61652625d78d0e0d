import { ApiProperty } from '@nestjs/swagger';
import { WebhookDeliveryView } from '../../queries/erasure.view';
import { ProcessorWebhookView } from '../configure-webhook/configured-webhook.view';

/** The last batch of permission changes enqueued for the recipient, with its delivery. */
class ChangeBatchView extends WebhookDeliveryView {
  @ApiProperty({ example: 40, description: 'The batch holds the changes after this position…' })
  after!: number;
  @ApiProperty({ example: 42, description: '…up to this one (feed positions).' })
  upTo!: number;
}

/** Where the recipient's `consent.changed` deliveries stand (ADR 0046). */
export class ChangeDeliveriesView {
  @ApiProperty({
    example: 42,
    description:
      'Feed position up to which every change for the recipient was delivered (a 2xx answer); 0 before the first.',
  })
  deliveredUpTo!: number;
  @ApiProperty({
    type: ChangeBatchView,
    nullable: true,
    description: 'Null before the first batch.',
  })
  latest!: ChangeBatchView | null;
}

export class ProcessorWebhookStateView extends ProcessorWebhookView {
  @ApiProperty({ type: ChangeDeliveriesView })
  consentChanges!: ChangeDeliveriesView;
}
