import { fold } from '../../shared/domain/decider';
import type { Role } from '../role';
import type { ApiKeyCommand, CreateApiKey } from './api-key.commands';
import type { ApiKeyCreated, ApiKeyEvent } from './api-key.events';
import { ApiKeyRefusal, type ApiKeyRefusalCode } from './api-key-refusal';
import { apiKeyRegistryDecider } from './api-key-registry.decider';

const NOW = '2026-11-22T10:00:00.000Z';
const LATER = '2026-12-22T10:00:00.000Z';

function created(keyId: string, roles: Role[], expiresAt: string | null = null): ApiKeyCreated {
  return {
    type: 'api-key-created',
    schemaVersion: 1,
    tenantId: 'acme',
    keyId,
    name: `key-${keyId}`,
    roles,
    secretDigest: 'ab'.repeat(32),
    createdAt: '2026-11-01T00:00:00.000Z',
    expiresAt,
    actor: 'operator',
  };
}

const ADMIN = created('00000000000000a1', ['tenant-admin']);
const APP = created('00000000000000b2', ['app']);

function decide(given: ApiKeyEvent[], command: ApiKeyCommand): ApiKeyEvent[] {
  return apiKeyRegistryDecider.decide(command, fold(apiKeyRegistryDecider, given));
}

function refusal(given: ApiKeyEvent[], command: ApiKeyCommand): ApiKeyRefusalCode {
  try {
    decide(given, command);
  } catch (error) {
    if (error instanceof ApiKeyRefusal) return error.code;
    throw error;
  }
  throw new Error('the command was accepted');
}

const revokeCommand = (keyId: string): ApiKeyCommand => ({
  type: 'revoke-api-key',
  tenantId: 'acme',
  keyId,
  now: NOW,
  actor: 'key:00000000000000a1',
});

const changeRolesCommand = (keyId: string, roles: Role[]): ApiKeyCommand => ({
  type: 'change-api-key-roles',
  tenantId: 'acme',
  keyId,
  roles,
  now: NOW,
  actor: 'key:00000000000000a1',
});

describe('API key registry', () => {
  describe('creating a key', () => {
    const command = (overrides: Partial<CreateApiKey> = {}): ApiKeyCommand => ({
      type: 'create-api-key',
      tenantId: 'acme',
      keyId: '00000000000000c3',
      name: 'backend',
      roles: ['auditor', 'app', 'app'],
      secretDigest: 'cd'.repeat(32),
      expiresAt: LATER,
      recipient: null,
      policyRecipients: [],
      now: NOW,
      actor: 'key:00000000000000a1',
      ...overrides,
    });

    it('records the key with its roles deduplicated and sorted, and its digest only', () => {
      expect(decide([ADMIN], command())).toEqual([
        {
          type: 'api-key-created',
          schemaVersion: 1,
          tenantId: 'acme',
          keyId: '00000000000000c3',
          name: 'backend',
          roles: ['app', 'auditor'],
          secretDigest: 'cd'.repeat(32),
          createdAt: NOW,
          expiresAt: LATER,
          actor: 'key:00000000000000a1',
        },
      ]);
    });

    it('refuses an id that exists', () => {
      expect(refusal([ADMIN], command({ keyId: ADMIN.keyId }))).toBe('api-key-exists');
    });

    it('refuses an expiry that is not in the future', () => {
      expect(refusal([ADMIN], command({ expiresAt: NOW }))).toBe('invalid-expiry');
    });

    describe('a processor key (ADR 0042)', () => {
      const processor = (overrides: Partial<CreateApiKey> = {}) =>
        command({
          roles: ['processor'],
          recipient: 'map-provider-row',
          policyRecipients: ['first-party', 'map-provider-row'],
          ...overrides,
        });

      it('records the recipient it speaks for, and the state keeps it', () => {
        const events = decide([ADMIN], processor());
        expect(events).toEqual([
          expect.objectContaining({ roles: ['processor'], recipient: 'map-provider-row' }),
        ]);
        const state = fold(apiKeyRegistryDecider, [ADMIN, ...events]);
        expect(state.keys.get('00000000000000c3')?.recipient).toBe('map-provider-row');
        expect(state.keys.get(ADMIN.keyId)?.recipient).toBeNull();
      });

      it('records no recipient field on other keys', () => {
        expect(decide([ADMIN], command())[0]).not.toHaveProperty('recipient');
      });

      it.each([
        ['a recipient the policy never offered', { recipient: 'nobody' }, 'invalid-recipient'],
        ['no recipient', { recipient: null }, 'invalid-recipient'],
        ['a tenant without a policy', { policyRecipients: [] }, 'invalid-recipient'],
        ['processor beside another role', { roles: ['processor', 'app'] }, 'invalid-roles'],
      ] as const)('refuses %s', (_, overrides, code) => {
        expect(refusal([ADMIN], processor(overrides as Partial<CreateApiKey>))).toBe(code);
      });

      it('refuses a recipient on a key without the processor role', () => {
        expect(refusal([ADMIN], command({ recipient: 'map-provider-row' }))).toBe(
          'invalid-recipient',
        );
      });

      it('names the field and the allowed recipients in the refusal', () => {
        expect(() => decide([ADMIN], processor({ recipient: 'nobody' }))).toThrow(
          expect.objectContaining({
            field: 'recipient',
            details: { allowed: ['first-party', 'map-provider-row'] },
          }) as Error,
        );
      });

      it('keeps its role: no role change on it, and processor is never given by a change', () => {
        const created = decide([ADMIN], processor());
        expect(
          refusal([ADMIN, ...created], changeRolesCommand('00000000000000c3', ['auditor'])),
        ).toBe('processor-key-roles-fixed');
        expect(refusal([ADMIN, APP], changeRolesCommand(APP.keyId, ['processor']))).toBe(
          'invalid-roles',
        );
      });
    });
  });

  describe('revoking a key', () => {
    it('records the revocation once; a second revocation records nothing', () => {
      const events = decide([ADMIN, APP], revokeCommand(APP.keyId));
      expect(events).toEqual([
        expect.objectContaining({ type: 'api-key-revoked', keyId: APP.keyId, revokedAt: NOW }),
      ]);
      expect(decide([ADMIN, APP, ...events], revokeCommand(APP.keyId))).toEqual([]);
    });

    it('refuses an unknown key', () => {
      expect(refusal([ADMIN], revokeCommand('0000000000000fff'))).toBe('api-key-not-found');
    });

    it("refuses to revoke the tenant's last active tenant-admin key", () => {
      expect(refusal([ADMIN, APP], revokeCommand(ADMIN.keyId))).toBe('last-tenant-admin');
    });

    it('revokes a tenant-admin key while another active one remains', () => {
      const second = created('00000000000000d4', ['tenant-admin']);
      expect(decide([ADMIN, second], revokeCommand(ADMIN.keyId))).toHaveLength(1);
    });

    it('does not count an expired tenant-admin key as the remaining admin', () => {
      const expired = created('00000000000000d4', ['tenant-admin'], '2026-11-02T00:00:00.000Z');
      expect(refusal([ADMIN, expired], revokeCommand(ADMIN.keyId))).toBe('last-tenant-admin');
    });
  });

  describe('changing roles', () => {
    it('records the new and the previous roles', () => {
      expect(decide([ADMIN, APP], changeRolesCommand(APP.keyId, ['auditor', 'app']))).toEqual([
        expect.objectContaining({
          type: 'api-key-roles-changed',
          roles: ['app', 'auditor'],
          previousRoles: ['app'],
        }),
      ]);
    });

    it('records nothing when the roles stay the same', () => {
      expect(decide([ADMIN, APP], changeRolesCommand(APP.keyId, ['app']))).toEqual([]);
    });

    it('refuses a revoked key', () => {
      const revoked = decide([ADMIN, APP], revokeCommand(APP.keyId));
      expect(refusal([ADMIN, APP, ...revoked], changeRolesCommand(APP.keyId, ['auditor']))).toBe(
        'api-key-revoked',
      );
    });

    it('refuses to take tenant-admin from the last tenant-admin key', () => {
      expect(refusal([ADMIN], changeRolesCommand(ADMIN.keyId, ['auditor']))).toBe(
        'last-tenant-admin',
      );
    });
  });
});
