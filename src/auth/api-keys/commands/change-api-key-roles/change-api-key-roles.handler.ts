import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyRegistry, type RegistryChange } from '../../api-key-registry';
import { ChangeApiKeyRolesCommand } from './change-api-key-roles.command';

@CommandHandler(ChangeApiKeyRolesCommand)
export class ChangeApiKeyRolesHandler implements ICommandHandler<ChangeApiKeyRolesCommand> {
  constructor(private readonly registry: ApiKeyRegistry) {}

  execute(command: ChangeApiKeyRolesCommand): Promise<RegistryChange> {
    const { actor, idempotencyKey, keyId, roles } = command;
    return this.registry.changeRoles(actor, idempotencyKey, keyId, roles);
  }
}
