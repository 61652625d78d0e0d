import { Command } from '@nestjs/cqrs';
import type { ConfigureWebhookInput } from './configure-processor-webhook';
import type { ConfiguredWebhookView } from './configured-webhook.view';

/** Sets where a recipient's erasure notifications go, issuing a secret when due. */
export class ConfigureWebhookCommand extends Command<ConfiguredWebhookView> {
  constructor(readonly input: ConfigureWebhookInput) {
    super();
  }
}
