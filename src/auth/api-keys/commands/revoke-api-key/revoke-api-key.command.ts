import { Command } from '@nestjs/cqrs';
import type { RegistryChange } from '../../api-key-registry';
import type { KeyActor } from '../../key-actor';

/** Revokes one key; it stops working at once. */
export class RevokeApiKeyCommand extends Command<RegistryChange> {
  constructor(
    readonly actor: KeyActor,
    readonly idempotencyKey: string,
    readonly keyId: string,
  ) {
    super();
  }
}
