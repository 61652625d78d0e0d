import { useErasureApi } from './support/erasure-api';

const api = useErasureApi();

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
}

const REQUEST = '/v1/subjects/{subjectId}/erasure-requests/{erasureId}';
const ERASURE_API: Record<string, string[]> = {
  '/v1/erasures': ['get'],
  [REQUEST]: ['get'],
  [`${REQUEST}/extension`]: ['post'],
  [`${REQUEST}/confirmations`]: ['post'],
  [`${REQUEST}/completion`]: ['post'],
};

describe('the OpenAPI document of the erasure workflow', () => {
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    const response = await api.get('/openapi.json');
    expect(response.statusCode).toBe(200);
    paths = response.json<{ paths: typeof paths }>().paths;
  });

  it('documents every erasure route with exactly its methods', () => {
    expect(
      Object.fromEntries(
        Object.keys(ERASURE_API).map((path) => [path, Object.keys(paths[path] ?? {}).sort()]),
      ),
    ).toEqual(ERASURE_API);
  });

  it.each(Object.keys(ERASURE_API).filter((p) => ERASURE_API[p]!.includes('post')))(
    'POST %s takes an Idempotency-Key, If-Match and a JSON body',
    (path) => {
      const operation = paths[path]!.post!;
      expect(operation.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
          expect.objectContaining({ name: 'If-Match', in: 'header' }),
          expect.objectContaining({ name: 'erasureId', in: 'path' }),
        ]),
      );
      expect(operation.requestBody).toBeDefined();
    },
  );
});
