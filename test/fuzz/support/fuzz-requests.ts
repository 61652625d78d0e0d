import fc from 'fast-check';
import type { Json } from '../../auth/support/access-app';
import type { FuzzFixtures, Operation } from './fuzz-target';
import {
  hostileHeaderValue,
  hostileJson,
  hostileJsonText,
  hostilePathValue,
  hostileQuery,
  hostileString,
} from './hostile-values';

/** One request as `inject()` sends it. */
export interface FuzzRequest {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string | Buffer;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/json;charset=UTF-8',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/problem+json',
  'application/*',
  '*/*',
  ';',
  'json',
] as const;

/** A hostile request aimed at one of `operations`, as any role or none. */
export function fuzzRequest(
  operations: readonly Operation[],
  fixtures: FuzzFixtures,
): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((operation) =>
    fc
      .record({
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(operation.method) },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
        ),
        path: pathOf(operation, fixtures),
        query: fc.oneof(
          { weight: 1, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: hostileQuery(operation.queryParams) },
        ),
        headers: headersOf(operation, fixtures),
        body: bodyOf(operation, fixtures),
      })
      .map(({ method, path, query, headers, body }) => ({
        operation: operation.name,
        method,
        url: query === '' ? path : `${path}?${query}`,
        headers: {
          ...headers,
          ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
        },
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      })),
  );
}

function pathOf(operation: Operation, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  const values = operation.pathParams.map((name) =>
    fc.oneof(fc.constantFrom(...(fixtures.pathValues[name] ?? ['x'])), hostilePathValue),
  );
  const suffix = fc.oneof(
    { weight: 19, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('/', '//', '/..', '/.', '/x', '%2F..', '?', '#x') },
  );
  return fc.tuple(fc.tuple(...values), suffix).map(([filled, tail]) => {
    let path = operation.path;
    operation.pathParams.forEach((name, i) => {
      path = path.replace(`{${name}}`, filled[i]!);
    });
    return `${path}${tail}`;
  });
}

function headersOf(
  operation: Operation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<Record<string, string>> {
  const optional = (name: string, value: fc.Arbitrary<string>, weight = 1) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<[string, string] | undefined>(undefined) },
      { weight, arbitrary: value.map((v): [string, string] => [name, v]) },
    );
  return fc
    .tuple(
      fc
        .oneof(
          { weight: 3, arbitrary: fc.constantFrom<string | undefined>(...fixtures.credentials) },
          { weight: 1, arbitrary: fc.constantFrom(...fixtures.otherCredentials) },
        )
        .map((credential) =>
          credential === undefined
            ? undefined
            : (['authorization', `Bearer ${credential}`] as [string, string]),
        ),
      optional('authorization', hostileHeaderValue),
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc.uuid().map((key): [string, string] => ['idempotency-key', key]),
        },
        {
          weight: 1,
          arbitrary: hostileHeaderValue.map((v): [string, string] => ['idempotency-key', v]),
        },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      optional('if-match', hostileHeaderValue),
      optional('x-consistency-token', hostileHeaderValue),
      optional('x-request-id', hostileHeaderValue),
      optional(
        'accept',
        fc.constantFrom('text/html', 'application/xml', '*/*', 'application/problem+json', ''),
      ),
      optional(
        fc.constantFrom(
          ...operation.headerParams,
          'x-forwarded-for',
          'cookie',
          'x-api-key',
        ) as unknown as string,
        hostileHeaderValue,
      ),
    )
    .map((pairs) => {
      const headers: Record<string, string> = {};
      for (const pair of pairs) if (pair) headers[pair[0]] = pair[1];
      return headers;
    });
}

interface FuzzBody {
  readonly payload?: string | Buffer;
  readonly contentType?: string;
}

function bodyOf(operation: Operation, fixtures: FuzzFixtures): fc.Arbitrary<FuzzBody> {
  const seed = fixtures.bodies[operation.name] ?? {};
  const json = fc.oneof(
    { weight: 3, arbitrary: fc.constant(seed) },
    { weight: 6, arbitrary: mutated(seed) },
    { weight: 2, arbitrary: hostileJson },
  );
  const payload = fc.oneof(
    { weight: 8, arbitrary: json.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: hostileJsonText },
  );
  const contentType = fc.oneof(
    { weight: 17, arbitrary: fc.constant<string | undefined>('application/json') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES) },
  );
  const withBody = fc
    .record({ payload, contentType })
    .map(({ payload: text, contentType: type }) => ({
      payload: onLoopbackOnly(text),
      ...(type === undefined ? {} : { contentType: type }),
    }));
  return operation.hasBody
    ? fc.oneof({ weight: 19, arbitrary: withBody }, { weight: 1, arbitrary: fc.constant({}) })
    : fc.oneof({ weight: 9, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: withBody });
}

/** `seed` with one member, at any depth, replaced, removed, or joined by an unknown one. */
function mutated(seed: Json): fc.Arbitrary<unknown> {
  const paths = memberPaths(seed);
  if (paths.length === 0) return hostileJson;
  return fc
    .record({
      path: fc.constantFrom(...paths),
      action: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'add'),
      // null often: optional fields once let it through to handlers as if it were a value.
      value: fc.oneof(
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 3, arbitrary: hostileJson },
      ),
      name: hostileString,
    })
    .map(({ path, action, value, name }) => {
      const copy = structuredClone(seed) as Record<string | number, unknown>;
      const parent = path
        .slice(0, -1)
        .reduce<Record<string | number, unknown>>(
          (node, key) => node[key] as Record<string | number, unknown>,
          copy,
        );
      const last = path[path.length - 1]!;
      if (action === 'replace') parent[last] = value;
      else if (action === 'remove') delete parent[last];
      else parent[name] = value;
      return copy;
    });
}

function memberPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [
    [...prefix, key],
    ...memberPaths(child, [...prefix, key]),
  ]);
}

/**
 * Tests send traffic to loopback only, and the webhook endpoint resolves the host of an
 * http(s) URL it is given (every other scheme it refuses first): every `http:` or `https:`
 * in a body is made to start `https://127.0.0.1:9/`, so whatever followed becomes the path.
 * Random strings practically never form such a URL; this makes "never" certain.
 */
const HTTP_SCHEME = /https?:/i;
const HTTP_SCHEMES = /https?:/gi;

function onLoopbackOnly(payload: string | Buffer): string | Buffer {
  if (typeof payload === 'string') return payload.replace(HTTP_SCHEMES, 'https://127.0.0.1:9/');
  return HTTP_SCHEME.test(payload.toString('latin1')) ? Buffer.from([0x7b, 0xff, 0x7d]) : payload;
}
