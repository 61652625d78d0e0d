import { randomUUID } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import {
  ApiKeyRegistry,
  KEY_ID,
  KEY_NAME,
  ApiKeyRefusal,
  publicPrefix,
  TENANT_WIDE_ROLES,
  type Role,
} from '../auth';
import { TENANT_ID } from '../shared/tenancy/stream-names';
import { parseRfc3339 } from '../shared/time/rfc3339';
import { withApp } from './with-app';

/** What the registry records as the actor of a command-line action. */
const OPERATOR = 'operator';

/**
 * `consent-ledger api-keys create|list|revoke`: the operator's way into any tenant — how a
 * new tenant gets its first tenant-admin key, or a tenant locked out gets a new one. Runs
 * against the same stores as the service (it may run while the service runs); the actions
 * are recorded in the tenant's log with the actor `operator`.
 */
export function registerApiKeysCommand(program: Command): void {
  const keys = program
    .command('api-keys')
    .description("a tenant's API keys: create (printed once), list, revoke")
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--tenant <id>', 'the tenant the key acts for', tenantId)
    .requiredOption(
      '--role <role...>',
      `one or more of: ${TENANT_WIDE_ROLES.join(', ')} (processor keys are made through the API)`,
      roles,
      [],
    )
    .option('--name <name>', 'what the key is for', keyName, 'operator-issued')
    .option(
      '--expires-at <instant>',
      'RFC 3339 instant with an offset (e.g. 2027-01-01T00:00:00Z) after which the key stops working',
      instant,
    )
    .action(async (options: { tenant: string; role: Role[]; name: string; expiresAt?: string }) => {
      await runRegistry(async (registry) => {
        const created = await registry.create(
          { tenantId: options.tenant, principal: OPERATOR },
          randomUUID(),
          { name: options.name, roles: options.role, expiresAt: options.expiresAt ?? null },
        );
        console.log(created.apiKey);
      });
    });
  keys
    .command('list')
    .description("list a tenant's keys (never their secrets)")
    .requiredOption('--tenant <id>', 'the tenant', tenantId)
    .action(async (options: { tenant: string }) => {
      await runRegistry(async (registry) => {
        for (const key of await registry.list(options.tenant)) {
          const state = key.revokedAt
            ? `revoked ${key.revokedAt}`
            : `expires ${key.expiresAt ?? 'never'}`;
          console.log(
            `${publicPrefix({ tenantId: options.tenant, keyId: key.keyId })}  ${key.name}  ${key.roles.join(',')}  ${state}`,
          );
        }
      });
    });
  keys
    .command('revoke')
    .description('revoke a key; it stops working at once')
    .requiredOption('--tenant <id>', 'the tenant', tenantId)
    .requiredOption('--key-id <id>', 'the 16 hex digits after the tenant in the key', keyId)
    .action(async (options: { tenant: string; keyId: string }) => {
      await runRegistry(async (registry) => {
        const revoked = await registry.revoke(
          { tenantId: options.tenant, principal: OPERATOR },
          randomUUID(),
          options.keyId,
        );
        console.log(`revoked ${revoked.key.keyId} at ${revoked.key.revokedAt ?? '?'}`);
      });
    });
}

async function runRegistry(work: (registry: ApiKeyRegistry) => Promise<void>): Promise<void> {
  try {
    await withApp((app) => work(app.get(ApiKeyRegistry)));
  } catch (error) {
    if (!(error instanceof ApiKeyRefusal)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

function tenantId(value: string): string {
  if (!TENANT_ID.test(value)) {
    throw new InvalidArgumentError('a tenant id is 1 to 63 lower-case letters, digits and "-"');
  }
  return value;
}

/** Tenant-wide roles only: a processor key names a recipient, checked against the policy by the API. */
function roles(value: string, previous: Role[]): Role[] {
  const role = TENANT_WIDE_ROLES.find((known) => known === value);
  if (!role) {
    throw new InvalidArgumentError(
      `a role is one of: ${TENANT_WIDE_ROLES.join(', ')}; create processor keys with POST /v1/api-keys`,
    );
  }
  return [...previous, role];
}

function keyName(value: string): string {
  if (!KEY_NAME.test(value)) {
    throw new InvalidArgumentError('a key name is 1 to 63 lower-case letters, digits and "-"');
  }
  return value;
}

function keyId(value: string): string {
  if (!KEY_ID.test(value)) throw new InvalidArgumentError('a key id is 16 lower-case hex digits');
  return value;
}

function instant(value: string): string {
  const millis = parseRfc3339(value);
  if (millis === undefined) {
    throw new InvalidArgumentError('an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z');
  }
  return new Date(millis).toISOString();
}
