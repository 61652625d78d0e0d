import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PolicyReader } from '../../../consent';
import { deliveryViewOf } from '../../queries/get-erasure/delivery-view-of';
import type { WebhookDelivery } from '../../webhooks/outbox/webhook-delivery';
import type { WebhookOutbox } from '../../webhooks/outbox/webhook-outbox.port';
import { WEBHOOK_OUTBOX } from '../../webhooks/webhooks.tokens';
import { requireKnownRecipient } from '../domain/processor-webhooks';
import { ProcessorWebhooksReader } from '../processor-webhooks.reader';
import { GetWebhookQuery } from './get-webhook.query';
import type { ChangeDeliveriesView, ProcessorWebhookStateView } from './webhook-state.view';

/** A recipient's webhook as configured (never the secret) and where its deliveries stand. */
@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery> {
  constructor(
    private readonly webhooks: ProcessorWebhooksReader,
    private readonly policies: PolicyReader,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
  ) {}

  async execute({
    tenantId,
    recipient,
  }: GetWebhookQuery): Promise<ProcessorWebhookStateView | undefined> {
    const latest = (await this.policies.history(tenantId)).latest;
    requireKnownRecipient(recipient, latest?.document.recipients.map((r) => r.key) ?? []);
    const webhook = (await this.webhooks.current(tenantId)).webhooks.get(recipient);
    if (!webhook) return undefined;
    const { secretId: _secretId, ...view } = webhook;
    const batch = await this.outbox.latestChanges(tenantId, recipient);
    return { ...view, consentChanges: changeDeliveriesOf(batch) };
  }
}

/** Batches go one at a time (ADR 0046): all before the latest were delivered. */
function changeDeliveriesOf(batch: WebhookDelivery | undefined): ChangeDeliveriesView {
  if (!batch?.changes) return { deliveredUpTo: 0, latest: null };
  const { after, upTo } = batch.changes;
  return {
    deliveredUpTo: batch.state === 'delivered' ? upTo : after,
    latest: { ...deliveryViewOf(batch), after, upTo },
  };
}
