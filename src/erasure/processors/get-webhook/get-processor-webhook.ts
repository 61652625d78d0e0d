import { Injectable } from '@nestjs/common';
import { PolicyReader } from '../../../consent/application/policy-reader';
import { PROBLEM_TYPES } from '../../../http/problem-types';
import { ProblemException } from '../../../http/problem';
import type { ProcessorWebhookView } from '../configure-webhook/configured-webhook.view';
import { requireKnownRecipient } from '../domain/processor-webhooks';
import { ProcessorWebhooksReader } from '../processor-webhooks.reader';

/** A recipient's webhook as configured: the URL and dates, never the secret. */
@Injectable()
export class GetProcessorWebhook {
  constructor(
    private readonly webhooks: ProcessorWebhooksReader,
    private readonly policies: PolicyReader,
  ) {}

  async get(tenantId: string, recipient: string): Promise<ProcessorWebhookView> {
    const latest = (await this.policies.history(tenantId)).latest;
    requireKnownRecipient(recipient, latest?.document.recipients.map((r) => r.key) ?? []);
    const webhook = (await this.webhooks.current(tenantId)).webhooks.get(recipient);
    if (!webhook) {
      throw new ProblemException({
        type: PROBLEM_TYPES.notFound,
        title: 'Webhook not configured',
        status: 404,
        detail: `recipient "${recipient}" has no webhook; PUT one to this address`,
      });
    }
    const { secretId: _secretId, ...view } = webhook;
    return view;
  }
}
