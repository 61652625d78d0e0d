import type { Decider } from '../../shared/domain/decider';
import type { Role } from '../role';
import type {
  ApiKeyCommand,
  ChangeApiKeyRoles,
  CreateApiKey,
  RevokeApiKey,
} from './api-key.commands';
import type { ApiKeyEvent } from './api-key.events';
import { ApiKeyRefusal } from './api-key-refusal';
import {
  type ApiKeyRecord,
  type ApiKeyRegistryState,
  emptyRegistry,
  evolveRegistry,
  isActive,
} from './api-key-registry.state';

/**
 * The rules of a tenant's key registry. Revoking twice or setting the same roles again
 * records nothing (a retry is harmless). No command may leave the tenant without an
 * active tenant-admin key: the keys are how the tenant administers itself, and an operator
 * would otherwise have to step in with the CLI.
 */
export const apiKeyRegistryDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyRegistryState> = {
  initialState: () => emptyRegistry,
  evolve: evolveRegistry,
  decide(command, state) {
    switch (command.type) {
      case 'create-api-key':
        return create(command, state);
      case 'revoke-api-key':
        return revoke(command, state);
      case 'change-api-key-roles':
        return changeRoles(command, state);
    }
  },
};

function create(command: CreateApiKey, state: ApiKeyRegistryState): ApiKeyEvent[] {
  if (state.keys.has(command.keyId)) {
    throw new ApiKeyRefusal('api-key-exists', `a key with id ${command.keyId} already exists`);
  }
  if (command.expiresAt !== null && Date.parse(command.expiresAt) <= Date.parse(command.now)) {
    throw new ApiKeyRefusal('invalid-expiry', 'expiresAt must lie in the future');
  }
  refuseMisscopedKey(command);
  return [
    {
      type: 'api-key-created',
      schemaVersion: 1,
      tenantId: command.tenantId,
      keyId: command.keyId,
      name: command.name,
      roles: sortedRoles(command.roles),
      secretDigest: command.secretDigest,
      createdAt: command.now,
      expiresAt: command.expiresAt,
      actor: command.actor,
      ...(command.recipient === null ? {} : { recipient: command.recipient }),
    },
  ];
}

/**
 * A `processor` key holds that role alone and names one recipient of the policy in force; no
 * other key names a recipient (ADR 0042). Mixing would leave unclear which recipients the
 * key may see, so the tenant makes one key per purpose instead.
 */
function refuseMisscopedKey(command: CreateApiKey): void {
  const processor = command.roles.includes('processor');
  if (processor && command.roles.some((role) => role !== 'processor')) {
    throw new ApiKeyRefusal(
      'invalid-roles',
      'roles: processor stands alone on a key; create another key for the other roles',
      'roles',
    );
  }
  if (!processor) {
    if (command.recipient === null) return;
    throw new ApiKeyRefusal(
      'invalid-recipient',
      'recipient is given only with the role processor; leave it out for other keys',
      'recipient',
    );
  }
  const allowed = command.policyRecipients;
  if (command.recipient === null || !allowed.includes(command.recipient)) {
    throw new ApiKeyRefusal(
      'invalid-recipient',
      allowed.length === 0
        ? 'recipient must be a recipient of the policy in force, and the tenant has no policy yet'
        : `recipient must be one of the recipients of the policy in force: ${allowed.join(', ')}`,
      'recipient',
      { allowed },
    );
  }
}

function revoke(command: RevokeApiKey, state: ApiKeyRegistryState): ApiKeyEvent[] {
  const key = existingKey(state, command.keyId);
  if (key.revokedAt !== null) return [];
  refuseLosingLastAdmin(state, key.keyId, [], command.now);
  return [
    {
      type: 'api-key-revoked',
      schemaVersion: 1,
      tenantId: command.tenantId,
      keyId: key.keyId,
      revokedAt: command.now,
      actor: command.actor,
    },
  ];
}

function changeRoles(command: ChangeApiKeyRoles, state: ApiKeyRegistryState): ApiKeyEvent[] {
  const key = existingKey(state, command.keyId);
  if (key.revokedAt !== null) {
    throw new ApiKeyRefusal('api-key-revoked', `key ${key.keyId} is revoked; create a new key`);
  }
  refuseProcessorRoleChange(command, key);
  const roles = sortedRoles(command.roles);
  if (sameRoles(roles, key.roles)) return [];
  refuseLosingLastAdmin(state, key.keyId, roles, command.now);
  return [
    {
      type: 'api-key-roles-changed',
      schemaVersion: 1,
      tenantId: command.tenantId,
      keyId: key.keyId,
      roles,
      previousRoles: key.roles,
      changedAt: command.now,
      actor: command.actor,
    },
  ];
}

/** The processor role and its recipient are fixed when a key is created, never changed after. */
function refuseProcessorRoleChange(command: ChangeApiKeyRoles, key: ApiKeyRecord): void {
  if (key.recipient !== null) {
    throw new ApiKeyRefusal(
      'processor-key-roles-fixed',
      `key ${key.keyId} is a processor key, whose role stays as created; create a new key for other roles`,
    );
  }
  if (command.roles.includes('processor')) {
    throw new ApiKeyRefusal(
      'invalid-roles',
      'roles: processor is given only when a key is created, together with its recipient',
      'roles',
    );
  }
}

function existingKey(state: ApiKeyRegistryState, keyId: string): ApiKeyRecord {
  const key = state.keys.get(keyId);
  if (!key) throw new ApiKeyRefusal('api-key-not-found', `no key with id ${keyId}`);
  return key;
}

/** Refuses when `keyId` keeping only `rolesAfter` would leave no active tenant-admin key. */
function refuseLosingLastAdmin(
  state: ApiKeyRegistryState,
  keyId: string,
  rolesAfter: readonly Role[],
  now: string,
): void {
  if (rolesAfter.includes('tenant-admin')) return;
  const otherAdmins = [...state.keys.values()].filter(
    (key) => key.keyId !== keyId && key.roles.includes('tenant-admin') && isActive(key, now),
  );
  const target = state.keys.get(keyId);
  const targetIsAdmin =
    target !== undefined && target.roles.includes('tenant-admin') && isActive(target, now);
  if (targetIsAdmin && otherAdmins.length === 0) {
    throw new ApiKeyRefusal(
      'last-tenant-admin',
      `key ${keyId} is the tenant's last active tenant-admin key; create another tenant-admin key first`,
    );
  }
}

function sortedRoles(roles: readonly Role[]): Role[] {
  return [...new Set(roles)].sort();
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role, index) => role === b[index]);
}
