import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { PolicyRecipientsQuery } from '../../../policy-recipients.query';
import { ApiKeyRegistry, type RegistryChange } from '../../api-key-registry';
import { CreateApiKeyCommand } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(
    private readonly registry: ApiKeyRegistry,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, idempotencyKey, key }: CreateApiKeyCommand): Promise<RegistryChange> {
    // Only a key scoped to a recipient needs the policy; the others never wait for it.
    const scoped = key.roles.includes('processor') || (key.recipient ?? null) !== null;
    const recipients = scoped
      ? await this.queries.execute(new PolicyRecipientsQuery(actor.tenantId))
      : [];
    return this.registry.create(actor, idempotencyKey, key, recipients);
  }
}
