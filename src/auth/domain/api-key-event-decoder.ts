import type { EventFields } from '../../shared/domain/events/event-fields';
import { streamDecoder, type StreamDecodings } from '../../shared/domain/events/stream-decoder';
import { ROLES } from '../role';
import type { ApiKeyEvent } from './api-key.events';

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

function keyEvent(fields: EventFields): void {
  fields.string('tenantId');
  fields.string('keyId');
  fields.string('actor');
}

export const API_KEY_EVENT_DECODINGS: StreamDecodings<ApiKeyEvent> = {
  'api-key-created': {
    version: 1,
    check(fields) {
      keyEvent(fields);
      fields.string('name');
      fields.oneOfArray('roles', ROLE_SET);
      fields.string('secretDigest');
      fields.instant('createdAt');
      fields.nullableInstant('expiresAt');
      fields.optionalString('recipient');
    },
  },
  'api-key-revoked': {
    version: 1,
    check(fields) {
      keyEvent(fields);
      fields.instant('revokedAt');
    },
  },
  'api-key-roles-changed': {
    version: 1,
    check(fields) {
      keyEvent(fields);
      fields.oneOfArray('roles', ROLE_SET);
      fields.oneOfArray('previousRoles', ROLE_SET);
      fields.instant('changedAt');
    },
  },
};

/** An API-key registry's stored event data as the typed event; throws `EventDecodingError`. */
export const decodeApiKeyEvent = streamDecoder<ApiKeyEvent>('api-keys', API_KEY_EVENT_DECODINGS);
