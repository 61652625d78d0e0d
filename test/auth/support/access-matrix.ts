import { randomUUID } from 'node:crypto';
import type { Role } from '../../../src/auth/role';
import droneAppPolicy from '../../../src/consent/policies/drone-app.policy.json';
import { MAP, type TestRequest } from './access-app';
import type { AccessFixtures } from './access-fixtures';

/**
 * Who may call each endpoint, and what a caller of another tenant gets. Keyed by the
 * OpenAPI operation (`METHOD /path/{param}`): the spec fails for an operation without an
 * entry, and for an entry without an operation.
 */
export interface AccessEntry {
  /** The roles that may call it; `public` needs no credentials. */
  readonly roles: readonly Role[] | 'public';
  /** A request that the default tenant's caller with an allowed role sees succeed. */
  readonly build: (fixtures: AccessFixtures) => Promise<TestRequest>;
  /** Its status for an allowed caller. */
  readonly ok: number;
  /**
   * What a caller of another tenant holding every role gets for the same request: 404 for
   * anything that names a resource of the default tenant (its existence must not leak),
   * else the statuses a request about the caller's own (empty) tenant may answer.
   */
  readonly otherTenant: readonly number[];
}

const ALL_ROLES: readonly Role[] = ['tenant-admin', 'app', 'auditor', 'privacy-officer'];
const get = (url: string): TestRequest => ({ method: 'GET', url });
const fixed = (request: TestRequest): Promise<TestRequest> => Promise.resolve(request);

export const ACCESS_MATRIX: Readonly<Record<string, AccessEntry>> = {
  'GET /health': {
    roles: 'public',
    build: () => fixed(get('/health')),
    ok: 200,
    otherTenant: [200],
  },
  'GET /ready': { roles: 'public', build: () => fixed(get('/ready')), ok: 200, otherTenant: [200] },
  'GET /metrics': {
    roles: 'public',
    build: () => fixed(get('/metrics')),
    ok: 200,
    otherTenant: [200],
  },

  'POST /v1/api-keys': {
    roles: ['tenant-admin'],
    build: () =>
      fixed({
        method: 'POST',
        url: '/v1/api-keys',
        body: { name: 'matrix', roles: ['auditor'] },
      }),
    ok: 201,
    otherTenant: [201],
  },
  'GET /v1/api-keys': {
    roles: ['tenant-admin'],
    build: () => fixed(get('/v1/api-keys')),
    ok: 200,
    otherTenant: [200],
  },
  'GET /v1/api-keys/{keyId}': {
    roles: ['tenant-admin'],
    build: async (f) => get(`/v1/api-keys/${await f.apiKey()}`),
    ok: 200,
    otherTenant: [404],
  },
  'PUT /v1/api-keys/{keyId}/roles': {
    roles: ['tenant-admin'],
    build: async (f) => ({
      method: 'PUT',
      url: `/v1/api-keys/${await f.apiKey()}/roles`,
      body: { roles: ['auditor'] },
    }),
    ok: 200,
    otherTenant: [404],
  },
  'DELETE /v1/api-keys/{keyId}': {
    roles: ['tenant-admin'],
    build: async (f) => ({ method: 'DELETE', url: `/v1/api-keys/${await f.apiKey()}` }),
    ok: 200,
    otherTenant: [404],
  },

  'POST /v1/policies': {
    roles: ['tenant-admin'],
    build: async (f) => ({
      method: 'POST',
      url: '/v1/policies',
      body: { ...structuredClone(droneAppPolicy), version: (await f.currentPolicyVersion()) + 1 },
    }),
    ok: 201,
    // The other tenant has no policy yet, so version 2+ is the wrong next version there.
    otherTenant: [409],
  },
  'GET /v1/policies': {
    roles: ALL_ROLES,
    build: () => fixed(get('/v1/policies')),
    ok: 200,
    otherTenant: [200],
  },
  'GET /v1/policies/current': {
    roles: ALL_ROLES,
    build: () => fixed(get('/v1/policies/current')),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/policies/{version}': {
    roles: ALL_ROLES,
    build: () => fixed(get('/v1/policies/1')),
    ok: 200,
    otherTenant: [404],
  },

  'POST /v1/subjects': {
    roles: ['app'],
    build: () =>
      fixed({
        method: 'POST',
        url: '/v1/subjects',
        body: { appSubjectId: `app-${randomUUID()}`, residency: 'row' },
      }),
    ok: 201,
    // Registering needs a policy in force, which the other tenant has not published.
    otherTenant: [409],
  },
  'POST /v1/subjects/lookup': {
    roles: ['app', 'privacy-officer'],
    build: async (f) => ({
      method: 'POST',
      url: '/v1/subjects/lookup',
      body: { appSubjectId: (await f.subject()).appSubjectId },
    }),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}': {
    roles: ['app', 'privacy-officer'],
    build: async (f) => get((await f.subject()).path),
    ok: 200,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/grants': {
    roles: ['app'],
    build: async (f) => ({ method: 'POST', url: `${(await f.subject()).path}/grants`, body: MAP }),
    ok: 201,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/revocations': {
    roles: ['app'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.syncedSubject()).path}/revocations`,
      body: MAP,
    }),
    ok: 201,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/syncs': {
    roles: ['app'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.subject()).path}/syncs`,
      body: { ...MAP, syncId: randomUUID(), precision: 'approximate', userInitiated: false },
    }),
    ok: 201,
    otherTenant: [404],
  },
  'PUT /v1/subjects/{subjectId}/local-data-mode': {
    roles: ['app'],
    build: async (f) => ({
      method: 'PUT',
      url: `${(await f.subject()).path}/local-data-mode`,
      body: { on: true },
    }),
    ok: 200,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/erasure-requests': {
    roles: ['app', 'privacy-officer'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.subject()).path}/erasure-requests`,
      body: { scope: 'account' },
    }),
    ok: 201,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/permissions': {
    roles: ['app', 'auditor'],
    build: async (f) => get(`${(await f.subject()).path}/permissions`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/receipts': {
    roles: ['app', 'privacy-officer', 'auditor'],
    build: async (f) => get(`${(await f.subject()).path}/receipts`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/receipts/{eventId}': {
    roles: ['app', 'privacy-officer', 'auditor'],
    build: async (f) => get(await f.grantReceipt()),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/consent-records': {
    roles: ['app', 'privacy-officer', 'auditor'],
    build: async (f) => get(`${(await f.subject()).path}/consent-records`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/receipt-keys': {
    roles: ALL_ROLES,
    build: () => fixed(get('/v1/receipt-keys')),
    ok: 200,
    otherTenant: [200],
  },
  'GET /v1/subjects/{subjectId}/flow-windows': {
    roles: ['auditor'],
    build: async (f) => get(`${(await f.syncedSubject()).path}/flow-windows`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/flows': {
    roles: ['auditor', 'privacy-officer'],
    build: async (f) => get(`${(await f.syncedSubject()).path}/flows`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/erasure-requests/{erasureId}': {
    roles: ['privacy-officer', 'auditor'],
    build: async (f) => get((await f.openErasure()).path),
    ok: 200,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/extension': {
    roles: ['privacy-officer'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.openErasure()).path}/extension`,
      body: { subjectToldAt: new Date().toISOString(), reason: 'backlog' },
    }),
    ok: 201,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/confirmations': {
    // The processor key is the map provider's, confirming for itself (ADR 0042).
    roles: ['privacy-officer', 'processor'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.openErasure()).path}/confirmations`,
      body: { recipient: MAP.recipient },
    }),
    ok: 201,
    otherTenant: [404],
  },
  'POST /v1/subjects/{subjectId}/erasure-requests/{erasureId}/completion': {
    roles: ['privacy-officer'],
    build: async (f) => ({
      method: 'POST',
      url: `${(await f.confirmedErasure()).path}/completion`,
      body: {},
    }),
    ok: 201,
    otherTenant: [404],
  },
  'GET /v1/subjects/{subjectId}/erasure-requests/{erasureId}/certificate': {
    roles: ['privacy-officer', 'auditor'],
    build: async (f) => get(`${await f.certifiedErasure()}/certificate`),
    ok: 200,
    otherTenant: [404],
  },
  'PUT /v1/processors/{recipient}/webhook': {
    roles: ['tenant-admin'],
    build: () =>
      fixed({
        method: 'PUT',
        url: `/v1/processors/${MAP.recipient}/webhook`,
        body: { url: 'https://127.0.0.1:9/erasures' },
      }),
    ok: 200,
    // The other tenant has no policy, so it knows no recipients.
    otherTenant: [400, 409],
  },
  'GET /v1/processors/{recipient}/webhook': {
    roles: ['tenant-admin'],
    build: async (f) => get(`/v1/processors/${await f.configuredProcessor()}/webhook`),
    ok: 200,
    otherTenant: [400, 404, 409],
  },
  'POST /v1/processors/{recipient}/acknowledgements': {
    roles: ['processor', 'tenant-admin'],
    // Position 1 lies below any head by then; repeating it is no error (recorded: false).
    build: () =>
      fixed({
        method: 'POST',
        url: `/v1/processors/${MAP.recipient}/acknowledgements`,
        body: { position: 1 },
      }),
    ok: 200,
    // The other tenant has no policy, so it knows no recipients.
    otherTenant: [404],
  },
  'GET /v1/processors/{recipient}/propagation': {
    roles: ['tenant-admin', 'auditor', 'privacy-officer', 'processor'],
    build: () => fixed(get(`/v1/processors/${MAP.recipient}/propagation`)),
    ok: 200,
    // The other tenant has no policy, so it knows no recipients.
    otherTenant: [404],
  },
  'GET /v1/consent-state/summary': {
    roles: ['auditor', 'tenant-admin'],
    build: () => fixed(get('/v1/consent-state/summary')),
    ok: 200,
    otherTenant: [200],
  },
  'GET /v1/erasures': {
    roles: ['privacy-officer', 'auditor'],
    build: async (f) => {
      await f.openErasure();
      return get('/v1/erasures');
    },
    ok: 200,
    otherTenant: [200],
  },

  'GET /v1/feed/changes': {
    roles: ['app', 'auditor', 'processor'],
    build: () => fixed(get('/v1/feed/changes?limit=5')),
    ok: 200,
    otherTenant: [200],
  },
  // The stream never ends by itself; a start beyond any head is answered (400) once the
  // guards let the caller through, which is what this matrix is about.
  'GET /v1/feed': {
    roles: ['app', 'auditor', 'processor'],
    build: () => fixed(get('/v1/feed?after=999999999')),
    ok: 400,
    otherTenant: [400],
  },
  'POST /v1/checks': {
    roles: ['app', 'auditor'],
    build: async (f) => ({
      method: 'POST',
      url: '/v1/checks',
      body: { subjectId: (await f.subject()).subjectId, ...MAP },
    }),
    ok: 200,
    otherTenant: [404],
  },
  'POST /v1/checks/batch': {
    roles: ['app', 'auditor'],
    build: async (f) => ({
      method: 'POST',
      url: '/v1/checks/batch',
      body: { checks: [{ subjectId: (await f.subject()).subjectId, ...MAP }] },
    }),
    ok: 200,
    // Answered per entry: the other tenant's caller learns only "unknown subject".
    otherTenant: [200],
  },
  'GET /v1/violations': {
    roles: ['auditor'],
    build: () => fixed(get('/v1/violations')),
    ok: 200,
    otherTenant: [200],
  },

  'GET /v1/audit/checkpoint': {
    roles: ['auditor'],
    build: async (f) => {
      await f.checkpointSize();
      return get('/v1/audit/checkpoint');
    },
    ok: 200,
    // The other tenant's own log: none yet, or one that holds only its own events.
    otherTenant: [200, 404],
  },
  'GET /v1/audit/checkpoints/{size}': {
    roles: ['auditor'],
    build: async (f) => get(`/v1/audit/checkpoints/${await f.checkpointSize()}`),
    ok: 200,
    otherTenant: [200, 404],
  },
  'GET /v1/audit/proofs/inclusion': {
    roles: ['auditor'],
    build: async (f) => get(`/v1/audit/proofs/inclusion?eventId=${await f.loggedEventId()}`),
    ok: 200,
    otherTenant: [404],
  },
  'GET /v1/audit/proofs/consistency': {
    roles: ['auditor'],
    build: async (f) => get(`/v1/audit/proofs/consistency?from=1&to=${await f.checkpointSize(2)}`),
    ok: 200,
    otherTenant: [200, 400, 404],
  },
  'GET /v1/audit/exports': {
    roles: ['auditor'],
    build: async (f) => get(`/v1/audit/exports?subjectId=${await f.exportableSubject()}`),
    ok: 200,
    otherTenant: [404],
  },
};
