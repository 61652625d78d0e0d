import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import type { WebhookDeliveryView } from '../../../../src/erasure/queries/erasure.view';
import { ErasureApi, type ErasureBody, type ErasureRecipient } from '../../support/erasure-api';

export type RecipientWithDelivery = ErasureRecipient & { delivery: WebhookDeliveryView };

/** The erasure harness plus the processors' webhook registry (PUT) and delivery polling. */
export class WebhookApi extends ErasureApi {
  /** A JSON PUT with the harness's credentials. */
  put(url: string, body: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'PUT',
      url,
      headers: { ...this.credentials, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  }

  configureWebhook(recipient: string, body: unknown): Promise<LightMyRequestResponse> {
    return this.put(`/v1/processors/${recipient}/webhook`, body);
  }

  async deliveries(subjectPath: string, erasureId: string): Promise<RecipientWithDelivery[]> {
    const erasure: ErasureBody = await this.erasure(subjectPath, erasureId);
    return erasure.recipients as RecipientWithDelivery[];
  }

  /**
   * Polls the erasure view until `recipient`'s delivery satisfies `until` (the dispatcher
   * runs in the background). Fails with the last state seen after `timeoutMs`: a bound on
   * a wait, not an assertion about speed.
   */
  async deliveryOf(
    subjectPath: string,
    erasureId: string,
    recipient: string,
    until: (delivery: WebhookDeliveryView) => boolean,
    timeoutMs = 20_000,
  ): Promise<WebhookDeliveryView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.deliveries(subjectPath, erasureId)).find(
        (r) => r.recipient === recipient,
      );
      if (found && until(found.delivery)) return found.delivery;
      if (Date.now() > deadline) {
        throw new Error(`delivery to ${recipient} never matched; last: ${JSON.stringify(found)}`);
      }
      await sleep(20);
    }
  }
}
