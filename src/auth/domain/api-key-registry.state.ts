import type { IsoInstant } from '../../shared/time/instant';
import type { Role } from '../role';
import type { ApiKeyEvent } from './api-key.events';

/** One key as the registry knows it. */
export interface ApiKeyRecord {
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly secretDigest: string;
  readonly createdAt: IsoInstant;
  readonly expiresAt: IsoInstant | null;
  readonly revokedAt: IsoInstant | null;
  /** The recipient a `processor` key speaks for; null for every other key. */
  readonly recipient: string | null;
}

/** A tenant's keys by id, in creation order. */
export interface ApiKeyRegistryState {
  readonly keys: ReadonlyMap<string, ApiKeyRecord>;
}

export const emptyRegistry: ApiKeyRegistryState = { keys: new Map() };

export function evolveRegistry(
  state: ApiKeyRegistryState,
  event: ApiKeyEvent,
): ApiKeyRegistryState {
  const keys = new Map(state.keys);
  switch (event.type) {
    case 'api-key-created':
      keys.set(event.keyId, {
        keyId: event.keyId,
        name: event.name,
        roles: event.roles,
        secretDigest: event.secretDigest,
        createdAt: event.createdAt,
        expiresAt: event.expiresAt,
        revokedAt: null,
        recipient: event.recipient ?? null,
      });
      break;
    case 'api-key-revoked':
      update(keys, event.keyId, (key) => ({ ...key, revokedAt: event.revokedAt }));
      break;
    case 'api-key-roles-changed':
      update(keys, event.keyId, (key) => ({ ...key, roles: event.roles }));
      break;
  }
  return { keys };
}

function update(
  keys: Map<string, ApiKeyRecord>,
  keyId: string,
  change: (key: ApiKeyRecord) => ApiKeyRecord,
): void {
  const key = keys.get(keyId);
  if (key) keys.set(keyId, change(key));
}

/** Whether a key authenticates at `now`: not revoked, not expired. */
export function isActive(key: ApiKeyRecord, now: IsoInstant): boolean {
  return (
    key.revokedAt === null &&
    (key.expiresAt === null || Date.parse(key.expiresAt) > Date.parse(now))
  );
}
