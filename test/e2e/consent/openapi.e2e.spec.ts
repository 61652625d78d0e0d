import { useConsentApi } from './harness';

const api = useConsentApi();

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** Every /v1 route of the consent API, with its methods. */
const CONSENT_API: Record<string, string[]> = {
  '/v1/policies': ['get', 'post'],
  '/v1/policies/current': ['get'],
  '/v1/policies/{version}': ['get'],
  '/v1/subjects': ['post'],
  '/v1/subjects/lookup': ['post'],
  '/v1/subjects/{subjectId}': ['get'],
  '/v1/subjects/{subjectId}/permissions': ['get'],
  '/v1/subjects/{subjectId}/grants': ['post'],
  '/v1/subjects/{subjectId}/revocations': ['post'],
  '/v1/subjects/{subjectId}/syncs': ['post'],
  '/v1/subjects/{subjectId}/local-data-mode': ['put'],
  '/v1/subjects/{subjectId}/erasure-requests': ['post'],
  '/v1/subjects/{subjectId}/flow-windows': ['get'],
  '/v1/checks': ['post'],
  '/v1/checks/batch': ['post'],
};

const MUTATING = Object.entries(CONSENT_API).flatMap(([path, methods]) =>
  methods
    // Lookups and checks are queries sent as POST (the body carries the question): they change
    // nothing and take no Idempotency-Key.
    .filter(
      (m) =>
        m !== 'get' && !['/v1/subjects/lookup', '/v1/checks', '/v1/checks/batch'].includes(path),
    )
    .map((m) => [m.toUpperCase(), path] as const),
);

describe('the OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const response = await api.get('/openapi.json');
    expect(response.statusCode).toBe(200);
    document = response.json<OpenApiDocument>();
  });

  it('documents every path of the consent API with exactly its methods', () => {
    // Other features (audit, erasure, …) add their own /v1 paths; this checks the consent API's.
    const documented = Object.fromEntries(
      Object.keys(CONSENT_API).map((path) => [
        path,
        Object.keys(document.paths[path] ?? {}).sort(),
      ]),
    );
    expect(documented).toEqual(
      Object.fromEntries(Object.entries(CONSENT_API).map(([p, m]) => [p, [...m].sort()])),
    );
  });

  it.each(MUTATING)('%s %s requires an Idempotency-Key and takes a JSON body', (method, path) => {
    const operation = document.paths[path]![method.toLowerCase()]!;
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
      ]),
    );
    expect(operation.requestBody).toBeDefined();
  });

  it('subject commands document If-Match', () => {
    for (const [method, path] of MUTATING.filter(([, p]) => p.includes('{subjectId}'))) {
      const names = document.paths[path]![method.toLowerCase()]!.parameters!.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['If-Match', 'subjectId']));
    }
  });

  it('documents the optional instant of the permissions query', () => {
    const operation = document.paths['/v1/subjects/{subjectId}/permissions']!.get!;
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'at', in: 'query', required: false }),
      ]),
    );
  });
});
