import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES, TENANT_WIDE_ROLES, type Role } from '../../../src/auth/role';
import { createApp } from '../../../src/bootstrap/create-app';
import { loadConfig } from '../../../src/config/load-config';
import { ProjectorHost } from '../../../src/projections/projector-host';
import {
  bearer,
  createApiKey,
  initialAdminKeyFile,
  readInitialAdminKey,
} from '../../support/credentials';
import { OidcIssuer } from './oidc-issuer';

export type Json = Record<string, unknown>;

export interface TestRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
}

export const MAP = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
} as const;

/**
 * The service on the embedded stores with an OIDC issuer on loopback, and one credential
 * of every kind the access tests need: a key per role of the default tenant, the first
 * admin key, a revoked key, a well-formed key with a wrong secret, an expired token, and a
 * token of another tenant holding every role.
 */
export class AccessTestApp {
  readonly oidc = new OidcIssuer();
  readonly dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-access-'));
  /** Ids of the default tenant's resources: none may show up in another tenant's answers. */
  readonly ownIds = new Set<string>();
  private started?: NestFastifyApplication;
  adminKey = '';
  allRolesKey = '';
  readonly roleKeys = {} as Record<Role, string>;
  revokedKey = '';
  wrongSecretKey = '';
  expiredToken = '';
  otherTenantToken = '';

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    await this.oidc.start();
    this.started = await createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        DATA_DIR: this.dataDir,
        INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(this.dataDir),
        OIDC_ISSUERS: this.oidc.setting,
        CHECKPOINT_EVERY_MS: '50',
        // Webhooks may point at loopback here, and nothing is sent.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_DISPATCH: 'false',
        ...this.env,
      }),
    );
    this.adminKey = readInitialAdminKey(this.dataDir);
    this.allRolesKey = (await createApiKey(this.app, this.adminKey, TENANT_WIDE_ROLES)).apiKey;
    for (const role of ROLES) {
      // A processor key speaks for one recipient: the map provider the fixtures notify.
      const scope = role === 'processor' ? { recipient: MAP.recipient } : {};
      this.roleKeys[role] = (await createApiKey(this.app, this.adminKey, [role], scope)).apiKey;
    }
    const revoked = await createApiKey(this.app, this.adminKey, TENANT_WIDE_ROLES);
    await this.expectStatus(
      this.send(this.adminKey, { method: 'DELETE', url: `/v1/api-keys/${revoked.keyId}` }),
      200,
    );
    this.revokedKey = revoked.apiKey;
    this.wrongSecretKey = `${this.allRolesKey.slice(0, -43)}${'A'.repeat(43)}`;
    this.expiredToken = await this.oidc.token('default', ROLES, {
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    this.otherTenantToken = await this.oidc.token('other', ROLES);
  }

  async dispose(): Promise<void> {
    await this.started?.close();
    await this.oidc.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get app(): NestFastifyApplication {
    if (!this.started) throw new Error('the app is not started');
    return this.started;
  }

  /** Sends `request` with `credential` (none when undefined); mutations get an Idempotency-Key. */
  send(
    credential: string | undefined,
    request: TestRequest,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: request.method,
      url: request.url,
      headers: {
        ...(credential === undefined ? {} : bearer(credential)),
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
        ...headers,
      },
      ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
    });
  }

  /**
   * Sends as a caller with every role of the default tenant and expects `status`. A fixture
   * made this way is read back at once by the matrix, so a command's answer is followed by
   * a wait until every projection has applied it (read-your-writes, as a client would ask).
   */
  async own(request: TestRequest, status: number): Promise<Json> {
    const body = await this.expectStatus(this.send(this.allRolesKey, request), status);
    if (typeof body.consistencyToken === 'string') {
      const reached = await this.app
        .get(ProjectorHost)
        .waitForPosition(BigInt(body.consistencyToken), 30_000);
      if (!reached) throw new Error(`projections did not reach ${body.consistencyToken}`);
    }
    return body;
  }

  async expectStatus(pending: Promise<LightMyRequestResponse>, status: number): Promise<Json> {
    const response = await pending;
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
    const json = /^application\/(problem\+)?json/.test(String(response.headers['content-type']));
    return json ? response.json<Json>() : { text: response.body };
  }

  remember<T extends string>(id: T): T {
    this.ownIds.add(id);
    return id;
  }
}
