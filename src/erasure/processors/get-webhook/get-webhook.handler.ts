import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PolicyReader } from '../../../consent';
import type { ProcessorWebhookView } from '../configure-webhook/configured-webhook.view';
import { requireKnownRecipient } from '../domain/processor-webhooks';
import { ProcessorWebhooksReader } from '../processor-webhooks.reader';
import { GetWebhookQuery } from './get-webhook.query';

/** A recipient's webhook as configured: the URL and dates, never the secret. */
@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery> {
  constructor(
    private readonly webhooks: ProcessorWebhooksReader,
    private readonly policies: PolicyReader,
  ) {}

  async execute({
    tenantId,
    recipient,
  }: GetWebhookQuery): Promise<ProcessorWebhookView | undefined> {
    const latest = (await this.policies.history(tenantId)).latest;
    requireKnownRecipient(recipient, latest?.document.recipients.map((r) => r.key) ?? []);
    const webhook = (await this.webhooks.current(tenantId)).webhooks.get(recipient);
    if (!webhook) return undefined;
    const { secretId: _secretId, ...view } = webhook;
    return view;
  }
}
