import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import {
  bearer,
  createApiKey,
  initialAdminKeyFile,
  readInitialAdminKey,
} from '../support/credentials';
import { AccessTestApp, type Json } from './support/access-app';

/** Keys: shown once, stored as a digest, revocable, expiring, audited; and tokens. */
const api = new AccessTestApp();
beforeAll(() => api.start(), 60_000);
afterAll(() => api.dispose());

const admin = () => api.adminKey;

describe('the first start', () => {
  it('wrote the first tenant-admin key once, readable by the owner only', () => {
    expect(statSync(initialAdminKeyFile(api.dataDir)).mode & 0o777).toBe(0o600);
    expect(admin()).toMatch(/^clk_default_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  });
});

describe('API keys', () => {
  it('shows a new key once; lists keep only its public prefix', async () => {
    const created = await api.expectStatus(
      api.send(admin(), {
        method: 'POST',
        url: '/v1/api-keys',
        body: { name: 'reporting', roles: ['auditor'] },
      }),
      201,
    );
    expect(created).toMatchObject({ name: 'reporting', roles: ['auditor'], revokedAt: null });
    const apiKey = String(created.apiKey);
    expect(apiKey.startsWith(`${String(created.prefix)}_`)).toBe(true);

    const list = await api.expectStatus(
      api.send(admin(), { method: 'GET', url: '/v1/api-keys' }),
      200,
    );
    expect(JSON.stringify(list)).toContain(String(created.prefix));
    expect(JSON.stringify(list)).not.toContain(apiKey.slice(-43));
    const events = await api.app.get<EventStore>(EVENT_STORE).readStream('api-keys-default');
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(apiKey.slice(-43));
  });

  it('replays a retried creation without the secret, and refuses the key for another request', async () => {
    const key = randomUUID();
    const body = { name: 'retried', roles: ['app'] };
    const request = { method: 'POST' as const, url: '/v1/api-keys', body };
    const firstResponse = await api.send(admin(), request, { 'idempotency-key': key });
    const first = await api.expectStatus(Promise.resolve(firstResponse), 201);
    const retryResponse = await api.send(admin(), request, { 'idempotency-key': key });
    const retry = await api.expectStatus(Promise.resolve(retryResponse), 201);
    expect(first.apiKey).toEqual(expect.any(String));
    expect(first).toMatchObject({ replayed: false });
    expect(firstResponse.headers['idempotent-replayed']).toBeUndefined();
    // Signalled as every other replay is: header and body.
    expect(retry).toMatchObject({ keyId: first.keyId, replayed: true });
    expect(retryResponse.headers['idempotent-replayed']).toBe('true');
    expect(retry).not.toHaveProperty('apiKey');
    const other = await api.send(
      admin(),
      { ...request, body: { ...body, roles: ['auditor'] } },
      {
        'idempotency-key': key,
      },
    );
    expect(other.statusCode).toBe(422);
  });

  it('stops a revoked key at once, and records the revocation once', async () => {
    const { apiKey, keyId } = await createApiKey(api.app, admin(), ['auditor']);
    const probe = { method: 'GET' as const, url: '/v1/violations' };
    await api.expectStatus(api.send(apiKey, probe), 200);
    const revoke = { method: 'DELETE' as const, url: `/v1/api-keys/${keyId}` };
    const revoked = await api.expectStatus(api.send(admin(), revoke), 200);
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect((await api.send(apiKey, probe)).statusCode).toBe(401);
    await api.expectStatus(api.send(admin(), revoke), 200);
    const events = await api.app.get<EventStore>(EVENT_STORE).readStream('api-keys-default');
    expect(
      events.filter((e) => e.type === 'api-key-revoked' && e.data.keyId === keyId),
    ).toHaveLength(1);
  });

  it('changes roles, which take effect on the next request', async () => {
    const { apiKey, keyId } = await createApiKey(api.app, admin(), ['app']);
    const probe = { method: 'GET' as const, url: '/v1/violations' };
    expect((await api.send(apiKey, probe)).statusCode).toBe(403);
    await api.expectStatus(
      api.send(admin(), {
        method: 'PUT',
        url: `/v1/api-keys/${keyId}/roles`,
        body: { roles: ['auditor'] },
      }),
      200,
    );
    await api.expectStatus(api.send(apiKey, probe), 200);
  });

  it('stops a key when it expires', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { apiKey } = await createApiKey(api.app, admin(), ['auditor'], { expiresAt });
    const probe = { method: 'GET' as const, url: '/v1/violations' };
    await api.expectStatus(api.send(apiKey, probe), 200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    expect((await api.send(apiKey, probe)).statusCode).toBe(401);
  });

  it("refuses to revoke or demote the tenant's last tenant-admin key", async () => {
    const keys = await api.expectStatus(
      api.send(admin(), { method: 'GET', url: '/v1/api-keys' }),
      200,
    );
    const admins = (keys.keys as Json[]).filter(
      (k) => (k.roles as string[]).includes('tenant-admin') && k.revokedAt === null,
    );
    // The first admin key plus the all-roles key: revoke the latter, then the former is last.
    const first = admins.find((k) => admin().includes(String(k.keyId)))!;
    for (const other of admins.filter((k) => k !== first)) {
      await api.expectStatus(
        api.send(admin(), { method: 'DELETE', url: `/v1/api-keys/${String(other.keyId)}` }),
        200,
      );
    }
    const problem = await api.expectStatus(
      api.send(admin(), { method: 'DELETE', url: `/v1/api-keys/${String(first.keyId)}` }),
      409,
    );
    expect(problem.type).toBe('https://consent-ledger.dev/problems/last-tenant-admin');
    const demote = await api.send(admin(), {
      method: 'PUT',
      url: `/v1/api-keys/${String(first.keyId)}/roles`,
      body: { roles: ['auditor'] },
    });
    expect(demote.statusCode).toBe(409);
  });

  it.each([
    [{ name: 'Upper Case', roles: ['app'] }, 'name'],
    [{ name: 'ok', roles: [] }, 'roles'],
    [{ name: 'ok', roles: ['root'] }, 'roles'],
    [{ name: 'ok', roles: ['app'], expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'ok', roles: ['app'], owner: 'x' }, 'owner'],
  ])('refuses %j naming %s', async (body, field) => {
    const response = await api.send(admin(), { method: 'POST', url: '/v1/api-keys', body });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain(field);
  });

  it('refuses a key id that is not 16 hex digits with 400', async () => {
    const response = await api.send(admin(), { method: 'GET', url: '/v1/api-keys/nope' });
    expect(response.statusCode).toBe(400);
  });

  it('puts every administrative action in the tenant audit log', async () => {
    const events = await api.app.get<EventStore>(EVENT_STORE).readStream('api-keys-default');
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['api-key-created', 'api-key-revoked', 'api-key-roles-changed']),
    );
    expect(events.every((e) => e.metadata.tenantId === 'default')).toBe(true);
    expect(
      events
        .slice(1)
        .every((e) => typeof e.data.actor === 'string' && e.data.actor.startsWith('key:')),
    ).toBe(true);
  });
});

describe('bearer tokens', () => {
  const probe = { method: 'GET' as const, url: '/v1/violations' };

  it('accepts a token of a trusted issuer with a role of the endpoint', async () => {
    await api.expectStatus(api.send(await api.oidc.token('default', ['auditor']), probe), 200);
    expect((await api.send(await api.oidc.token('default', ['app']), probe)).statusCode).toBe(403);
  });

  it.each([
    ['for another audience', { aud: 'someone-else' }],
    ['not yet valid', { nbf: Math.floor(Date.now() / 1000) + 3600 }],
    ['without a tenant', { tenant: undefined }],
    ['for a malformed tenant', { tenant: 'Not A Tenant' }],
  ])('refuses a token %s with 401', async (_, claims) => {
    const token = await api.oidc.token('default', ['auditor'], claims);
    expect((await api.send(token, probe)).statusCode).toBe(401);
  });

  it('refuses a token signed with a shared secret (alg HS256)', async () => {
    const token = await new SignJWT({ tenant: 'default', roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(api.oidc.issuer)
      .setAudience('consent-ledger')
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123456789'));
    expect((await api.send(token, probe)).statusCode).toBe(401);
  });

  it('ignores roles the service does not know', async () => {
    const token = await api.oidc.token('default', ['root', 'admin']);
    expect((await api.send(token, probe)).statusCode).toBe(403);
  });
});

describe('limits and defaults', () => {
  @Controller('undeclared')
  class UndeclaredController {
    @Get()
    get(): string {
      return 'should never be answered';
    }
  }
  @Module({ controllers: [UndeclaredController] })
  class UndeclaredModule {}

  let limited: NestFastifyApplication;
  let dataDir: string;
  let key: string;

  beforeAll(async () => {
    dataDir = `${api.dataDir}-limited`;
    mkdirSync(dataDir);
    limited = await createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
        RATE_LIMIT_REQUESTS: '5',
        RATE_LIMIT_WINDOW_MS: '60000',
        METRICS_TOKEN: 'scrape-token-0123456789',
      }),
      { extraImports: [UndeclaredModule] },
    );
    key = readInitialAdminKey(dataDir);
  });

  afterAll(async () => {
    await limited?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an endpoint that declares no role, even to a tenant admin', async () => {
    const response = await limited.inject({
      method: 'GET',
      url: '/undeclared',
      headers: bearer(key),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('should never');
  });

  it('answers 429 with Retry-After once a key spent its budget, and counts each key apart', async () => {
    const responses = [];
    for (let i = 0; i < 7; i++) {
      responses.push(
        await limited.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key) }),
      );
    }
    // The budget of 5 is shared with the request of the test before: at least 2 are refused.
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    const last = responses[responses.length - 1]!;
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.headers['content-type']).toMatch(/^application\/problem\+json/);
    const health = await limited.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });

  it.each([
    ['/v1/erasures?limit=1001', 'limit'],
    ['/v1/violations?limit=501', 'limit'],
  ])('refuses a page larger than the maximum: %s', async (url, field) => {
    const response = await api.send(api.roleKeys.auditor, { method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain(field);
  });

  it('keeps /health and /ready open, and /metrics behind METRICS_TOKEN when set', async () => {
    expect((await limited.inject({ method: 'GET', url: '/ready' })).statusCode).toBeLessThan(600);
    expect((await limited.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const scraped = await limited.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-token-0123456789' },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('auth_failures_total');
  });
});
