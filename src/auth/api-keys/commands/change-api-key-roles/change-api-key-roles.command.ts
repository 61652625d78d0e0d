import { Command } from '@nestjs/cqrs';
import type { Role } from '../../../role';
import type { RegistryChange } from '../../api-key-registry';
import type { KeyActor } from '../../key-actor';

/** Replaces the roles of one key. */
export class ChangeApiKeyRolesCommand extends Command<RegistryChange> {
  constructor(
    readonly actor: KeyActor,
    readonly idempotencyKey: string,
    readonly keyId: string,
    readonly roles: readonly Role[],
  ) {
    super();
  }
}
