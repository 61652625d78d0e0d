import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TENANT_WIDE_ROLES, type Role } from '../../src/auth/role';

/** Where test apps write their first tenant-admin key: `INITIAL_ADMIN_KEY_FILE` in DATA_DIR. */
export function initialAdminKeyFile(dataDir: string): string {
  return join(dataDir, 'initial-admin.key');
}

export function readInitialAdminKey(dataDir: string): string {
  return readFileSync(initialAdminKeyFile(dataDir), 'utf8').trim();
}

/** Creates an API key with `roles` through the API, as `adminKey`, and returns it. */
export async function createApiKey(
  app: NestFastifyApplication,
  adminKey: string,
  roles: readonly Role[],
  extra: { expiresAt?: string; name?: string; recipient?: string } = {},
): Promise<{ apiKey: string; keyId: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: {
      authorization: `Bearer ${adminKey}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    payload: JSON.stringify({ name: extra.name ?? 'test', roles, ...extra }),
  });
  if (response.statusCode !== 201) {
    throw new Error(`creating a test key answered ${response.statusCode}: ${response.body}`);
  }
  return response.json<{ apiKey: string; keyId: string }>();
}

/**
 * A key holding every tenant-wide role in the default tenant (all but `processor`, which
 * stands alone on a key), for tests about something other than access control: made with
 * the first tenant-admin key the app wrote to its DATA_DIR.
 */
export async function allRolesKey(app: NestFastifyApplication, dataDir: string): Promise<string> {
  return (await createApiKey(app, readInitialAdminKey(dataDir), TENANT_WIDE_ROLES)).apiKey;
}

export function bearer(apiKey: string): { authorization: string } {
  return { authorization: `Bearer ${apiKey}` };
}
