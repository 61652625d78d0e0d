import { randomBytes, randomUUID } from 'node:crypto';
import { ROLES } from '../../src/auth/role';
import { AccessTestApp, type TestRequest } from './support/access-app';
import { AccessFixtures } from './support/access-fixtures';
import { ACCESS_MATRIX } from './support/access-matrix';

/**
 * Every operation of the OpenAPI document × every role × the caller's own or another
 * tenant × no, malformed, unknown, revoked and expired credentials — each with the status
 * the access model promises (docs/adr/0019-access-control.md).
 */
const api = new AccessTestApp();
const fixtures = new AccessFixtures(api);
beforeAll(() => api.start(), 60_000);
afterAll(() => api.dispose());

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function documentedOperations(): Promise<string[]> {
  const response = await api.app.inject({ method: 'GET', url: '/openapi.json' });
  const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => HTTP_METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

it('has an entry for every documented operation, and documents every entry', async () => {
  const documented = (await documentedOperations()).sort();
  expect(documented.filter((operation) => !(operation in ACCESS_MATRIX))).toEqual([]);
  expect(Object.keys(ACCESS_MATRIX).filter((op) => !documented.includes(op))).toEqual([]);
});

describe.each(Object.entries(ACCESS_MATRIX))('%s', (_, entry) => {
  const allowed = entry.roles === 'public' ? ROLES : entry.roles;

  it.each(allowed.map((role) => [role]))('lets %s through', async (role) => {
    const request = await entry.build(fixtures);
    const credential = entry.roles === 'public' ? undefined : api.roleKeys[role];
    await api.expectStatus(api.send(credential, request), entry.ok);
  });

  it('refuses every other role with 403', async () => {
    const request = await entry.build(fixtures);
    const refused = ROLES.filter((role) => !allowed.includes(role));
    for (const role of refused) {
      const response = await api.send(api.roleKeys[role], request);
      expect({ role, status: response.statusCode }).toEqual({ role, status: 403 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses a request without a valid credential with 401', async () => {
    const request = await entry.build(fixtures);
    const cases: [string, string | undefined, Record<string, string>][] = [
      ['no credentials', undefined, {}],
      ['a malformed header', undefined, { authorization: 'Basic dXNlcjpwYXNz' }],
      ['a wrong secret', api.wrongSecretKey, {}],
      ['a revoked key', api.revokedKey, {}],
      ['an expired token', api.expiredToken, {}],
    ];
    for (const [name, credential, headers] of cases) {
      const response = await api.send(credential, request, headers);
      const expected = entry.roles === 'public' ? entry.ok : 401;
      expect({ name, status: response.statusCode }).toEqual({ name, status: expected });
      if (expected === 401) {
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="consent-ledger"/);
      }
    }
  });

  it("answers another tenant's caller exactly as if the resources did not exist", async () => {
    const request = await entry.build(fixtures);
    const response = await api.send(api.otherTenantToken, request);
    expect(entry.otherTenant).toContain(response.statusCode);
    if (entry.roles === 'public') return;
    const named = [...api.ownIds].filter((id) => JSON.stringify(request).includes(id));
    for (const id of api.ownIds) {
      if (!named.includes(id)) expect(response.body).not.toContain(id);
    }
    expect(response.body).not.toContain('/default');
    if (named.length === 0) return;
    // The same request naming made-up ids gets the same answer: existence does not leak.
    const { request: unknown, ids } = withMadeUpIds(request, named);
    const control = await api.send(api.otherTenantToken, unknown);
    expect({ status: control.statusCode, body: comparable(control.body, ids) }).toEqual({
      status: response.statusCode,
      body: comparable(response.body, named),
    });
  });
});

/** `request` with every id in `ids` replaced by a fresh one of the same shape. */
function withMadeUpIds(
  request: TestRequest,
  ids: readonly string[],
): { request: TestRequest; ids: string[] } {
  let text = JSON.stringify(request);
  const madeUp = ids.map((id) => {
    const fresh = /^[0-9a-f]{16}$/.test(id) ? randomBytes(8).toString('hex') : randomUUID();
    text = text.split(id).join(fresh);
    return fresh;
  });
  return { request: JSON.parse(text) as TestRequest, ids: madeUp };
}

/** A body with the ids the request named, and the read position, masked. */
function comparable(body: string, ids: readonly string[]): string {
  return ids
    .reduce((text, id) => text.split(id).join('<id>'), body)
    .replace(/"answeredAtPosition":"\d+"/g, '"answeredAtPosition":"<n>"');
}
