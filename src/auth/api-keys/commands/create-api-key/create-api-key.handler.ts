import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyRegistry, type RegistryChange } from '../../api-key-registry';
import { CreateApiKeyCommand } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(private readonly registry: ApiKeyRegistry) {}

  execute({ actor, idempotencyKey, key }: CreateApiKeyCommand): Promise<RegistryChange> {
    return this.registry.create(actor, idempotencyKey, key);
  }
}
