import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyRegistry, type RegistryChange } from '../../api-key-registry';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(private readonly registry: ApiKeyRegistry) {}

  execute({ actor, idempotencyKey, keyId }: RevokeApiKeyCommand): Promise<RegistryChange> {
    return this.registry.revoke(actor, idempotencyKey, keyId);
  }
}
