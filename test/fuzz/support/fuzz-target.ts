import { randomUUID } from 'node:crypto';
import { ROLES } from '../../../src/auth/role';
import droneAppPolicy from '../../../src/consent/policies/drone-app.policy.json';
import { AccessTestApp, type Json, MAP } from '../../auth/support/access-app';

/** An operation of the OpenAPI document, as the fuzzer aims at it. */
export interface Operation {
  readonly method: string;
  /** `/v1/subjects/{subjectId}/grants` */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly headerParams: readonly string[];
  readonly hasBody: boolean;
  /** `METHOD /path` */
  readonly name: string;
}

/** Real ids the fuzzer mixes in, so requests also get past the 404s to the handlers. */
export interface FuzzFixtures {
  readonly pathValues: Readonly<Record<string, readonly string[]>>;
  /** A body each operation accepts (or refuses only for its state), to mutate. */
  readonly bodies: Readonly<Record<string, Json>>;
  /** Every role's key of the default tenant, one key with all roles, the first admin's. */
  readonly credentials: readonly string[];
  /** Other tenants' tokens, expired, revoked and wrong ones, and none. */
  readonly otherCredentials: readonly (string | undefined)[];
}

/**
 * The service on the embedded stores, as the access-matrix suite builds it (an OIDC issuer
 * on loopback, a key per role), set up for fuzzing: no rate limit to hide the handlers
 * behind 429s, and reads with a consistency token that answer at once.
 */
export async function startFuzzTarget(): Promise<{
  api: AccessTestApp;
  operations: Operation[];
  fixtures: FuzzFixtures;
}> {
  const api = new AccessTestApp({
    RATE_LIMIT_REQUESTS: '10000000',
    READ_YOUR_WRITES_TIMEOUT_MS: '0',
    LOG_LEVEL: 'silent',
  });
  await api.start();
  return { api, operations: await operationsOf(api), fixtures: await fixturesOf(api) };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface OpenApiParameter {
  readonly name: string;
  readonly in: string;
}

async function operationsOf(api: AccessTestApp): Promise<Operation[]> {
  const response = await api.app.inject({ method: 'GET', url: '/openapi.json' });
  const paths = response.json<{
    paths: Record<
      string,
      Record<string, { parameters?: OpenApiParameter[]; requestBody?: unknown }>
    >;
  }>().paths;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const parameters = operation.parameters ?? [];
        const named = (where: string) => [
          ...new Set(parameters.filter((p) => p.in === where).map((p) => p.name)),
        ];
        return {
          method: method.toUpperCase(),
          path,
          pathParams: named('path'),
          queryParams: named('query'),
          headerParams: named('header').map((name) => name.toLowerCase()),
          hasBody: operation.requestBody !== undefined,
          name: `${method.toUpperCase()} ${path}`,
        };
      }),
  );
}

async function fixturesOf(api: AccessTestApp): Promise<FuzzFixtures> {
  const own = async (method: 'POST' | 'PUT', url: string, body: Json, status: number) =>
    api.expectStatus(api.send(api.allRolesKey, { method, url, body }), status);

  const appSubjectId = `fuzz-${randomUUID()}`;
  const subject = await own('POST', '/v1/subjects', { appSubjectId, residency: 'row' }, 201);
  const subjectId = String(subject.subjectId);
  const path = `/v1/subjects/${subjectId}`;
  await own('POST', `${path}/grants`, { ...MAP }, 201);
  const sync = { ...MAP, syncId: 'fuzz-1', precision: 'approximate', userInitiated: false };
  await own('POST', `${path}/syncs`, sync, 201);
  const erasure = await own(
    'POST',
    `${path}/erasure-requests`,
    { scope: 'categories', categories: [MAP.category] },
    201,
  );
  const erasureId = String(erasure.erasureId);
  const key = await own('POST', '/v1/api-keys', { name: 'fuzz', roles: ['app'] }, 201);

  const other = await api.oidc.token('fuzz-other', ROLES);
  return {
    pathValues: {
      subjectId: [subjectId, '00000000-0000-4000-8000-000000000000'],
      erasureId: [erasureId, randomUUID()],
      keyId: [String(key.keyId), '0123456789abcdef'],
      recipient: [MAP.recipient, 'first-party-row', 'map-provider-cn'],
      version: ['1', '2'],
      size: ['1', '2', '3'],
    },
    bodies: {
      'POST /v1/api-keys': { name: 'fuzz-made', roles: ['auditor'] },
      'PUT /v1/api-keys/{keyId}/roles': { roles: ['app', 'auditor'] },
      'POST /v1/policies': { ...structuredClone(droneAppPolicy), version: 2 },
      'POST /v1/subjects/lookup': { appSubjectId },
      'POST /v1/subjects': {
        appSubjectId: `fuzz-${randomUUID()}`,
        residency: 'row',
        email: 'a@example.org',
      },
      'POST /v1/subjects/{subjectId}/grants': { ...MAP, occurredAt: new Date().toISOString() },
      'POST /v1/subjects/{subjectId}/revocations': { ...MAP, actor: 'app' },
      'POST /v1/subjects/{subjectId}/syncs': {
        ...sync,
        syncId: 'fuzz-2',
        recordIds: ['r1'],
        sizeBytes: 10,
        location: { latitude: 47.3, longitude: 8.5 },
      },
      'PUT /v1/subjects/{subjectId}/local-data-mode': { on: false },
      'POST /v1/subjects/{subjectId}/erasure-requests': {
        scope: 'categories',
        categories: [MAP.category],
      },
      'POST /v1/checks': {
        subjectId,
        ...MAP,
        precision: 'approximate',
        at: new Date().toISOString(),
      },
      'POST /v1/checks/batch': { checks: [{ subjectId, ...MAP }] },
      'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/extension': {
        subjectToldAt: new Date().toISOString(),
        reason: 'backlog',
      },
      'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/confirmations': {
        recipient: MAP.recipient,
      },
      'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/completion': {
        override: { reason: 'processor unreachable' },
      },
      'PUT /v1/processors/{recipient}/webhook': {
        url: 'https://127.0.0.1:9/erasures',
        rotateSecret: true,
      },
      'POST /v1/processors/{recipient}/acknowledgements': { position: 1 },
    },
    credentials: [...Object.values(api.roleKeys), api.allRolesKey, api.adminKey],
    otherCredentials: [
      api.revokedKey,
      api.wrongSecretKey,
      api.expiredToken,
      api.otherTenantToken,
      other,
      undefined,
    ],
  };
}
