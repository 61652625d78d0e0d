import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConfigureProcessorWebhook } from './configure-processor-webhook';
import { ConfigureWebhookCommand } from './configure-webhook.command';
import type { ConfiguredWebhookView } from './configured-webhook.view';

@CommandHandler(ConfigureWebhookCommand)
export class ConfigureWebhookHandler implements ICommandHandler<ConfigureWebhookCommand> {
  constructor(private readonly webhooks: ConfigureProcessorWebhook) {}

  execute({ input }: ConfigureWebhookCommand): Promise<ConfiguredWebhookView> {
    return this.webhooks.configure(input);
  }
}
