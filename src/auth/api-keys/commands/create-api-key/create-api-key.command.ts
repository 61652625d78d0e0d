import { Command } from '@nestjs/cqrs';
import type { NewApiKey, RegistryChange } from '../../api-key-registry';
import type { KeyActor } from '../../key-actor';

export class CreateApiKeyCommand extends Command<RegistryChange> {
  constructor(
    readonly actor: KeyActor,
    readonly idempotencyKey: string,
    readonly key: NewApiKey,
  ) {
    super();
  }
}
