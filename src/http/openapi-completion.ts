import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Completes the document @nestjs/swagger builds from the controllers with what every
 * operation shares and no decorator states once: the problem responses the edge, the
 * guards and the stores can answer with, and one entry per header however it is spelt
 * (ADR 0038). Which responses an operation gets follows from what the document already
 * says about it — its security, path parameters, headers and body — so a new controller
 * is documented truthfully without repeating them. What only one operation can answer is
 * declared on its controller with `@ApiResponse`; this step gives it the problem body.
 */

/** Security scheme names in `components.securitySchemes`, for `@ApiSecurity`. */
export const API_KEY_SCHEME = 'apiKey';
export const OIDC_SCHEME = 'oidc';
export const METRICS_TOKEN_SCHEME = 'metricsToken';

/** Name of the shared RFC 9457 schema in `components.schemas`. */
export const PROBLEM_SCHEMA = 'Problem';

type Json = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly description?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, Json>;
  security?: Record<string, string[]>[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const PROBLEM_SCHEMA_OBJECT = {
  type: 'object',
  description: `RFC 9457 problem details, served as ${PROBLEM_CONTENT_TYPE}.`,
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description: 'Stable identifier of the problem, under https://consent-ledger.dev/problems/.',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What to change; never personal data.' },
    instance: {
      type: 'string',
      description:
        'The request path without its query string; absent when the path itself was refused (undecodable, too long, unreadable).',
    },
    errors: {
      type: 'array',
      description: 'For a validation error: each refused field and why.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** The shared responses, by status, as `components.responses` entries. */
const SHARED_RESPONSES: Record<string, { name: string; description: string; headers?: Json }> = {
  '400': {
    name: 'BadRequest',
    description:
      'A parameter, header or body was refused (validation-error lists the fields in `errors`).',
  },
  '401': {
    name: 'Unauthorized',
    description: 'No usable credential: send "Authorization: Bearer <API key or JWT>".',
    headers: {
      'WWW-Authenticate': { description: 'The Bearer challenge.', schema: { type: 'string' } },
    },
  },
  '403': { name: 'Forbidden', description: 'The credential holds none of the allowed roles.' },
  '404': { name: 'NotFound', description: 'The resource a path parameter names does not exist.' },
  '409': {
    name: 'Conflict',
    description:
      'The command conflicts with the current state (a concurrent change, a stale If-Match, or a rule of the domain).',
  },
  '413': { name: 'PayloadTooLarge', description: 'The body is over the size limit.' },
  '415': { name: 'UnsupportedMediaType', description: 'The body is not application/json.' },
  '422': {
    name: 'UnprocessableContent',
    description: 'The Idempotency-Key was used before with another request, or a rule refused it.',
  },
  '429': {
    name: 'TooManyRequests',
    description: "The credential's request budget for this window is spent.",
    headers: RETRY_AFTER,
  },
  '431': {
    name: 'RequestHeaderFieldsTooLarge',
    description: 'The request headers are over the size limit (answered for any request).',
  },
  '503': {
    name: 'ServiceUnavailable',
    description: 'Overloaded (load shedding) or a store is unreachable; nothing was committed.',
    headers: RETRY_AFTER,
  },
};

/** The security every operation with roles carries: an API key or an OIDC JWT, both as Bearer. */
const SECURITY_SCHEMES = {
  [API_KEY_SCHEME]: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'An API key issued by POST /v1/api-keys: "Authorization: Bearer <API key>".',
  },
  [OIDC_SCHEME]: {
    type: 'http' as const,
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A JWT from a configured OIDC issuer: "Authorization: Bearer <JWT>".',
  },
  [METRICS_TOKEN_SCHEME]: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'METRICS_TOKEN, when the deployment sets one.',
  },
};

export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (pathItem as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      completeOperation(operation);
      addBodyExamples(operation, schemas);
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: PROBLEM_SCHEMA_OBJECT },
    responses: { ...document.components?.responses, ...sharedResponseComponents(document) },
    securitySchemes: { ...document.components?.securitySchemes, ...SECURITY_SCHEMES },
  };
  return document;
}

function completeOperation(operation: Operation): void {
  if (operation.parameters) operation.parameters = withoutDuplicateHeaders(operation.parameters);
  // `@Public()` declares one empty requirement: no credentials needed at all.
  if (operation.security?.length === 1 && Object.keys(operation.security[0]!).length === 0) {
    operation.security = [];
  }
  const responses = (operation.responses ??= {});
  for (const status of sharedStatusesOf(operation)) {
    // A description the controller gave for this operation says more than the shared one.
    responses[status] ??= { $ref: `#/components/responses/${SHARED_RESPONSES[status]!.name}` };
  }
  if (!Object.keys(responses).some((status) => status.startsWith('4'))) {
    responses['431'] = { $ref: `#/components/responses/${SHARED_RESPONSES['431']!.name}` };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]/.test(status) && !('$ref' in response) && response.content === undefined) {
      response.content = problemContent();
    }
  }
}

/** The shared statuses an operation can answer, read from what the document says about it. */
function sharedStatusesOf(operation: Operation): string[] {
  const requirements = operation.security ?? [];
  const credentialAccepted = requirements.some((r) => Object.keys(r).length > 0);
  // Anonymous access allowed (`[]` or an empty requirement): no role or rate-limit guard runs.
  const anonymous = requirements.length === 0 || requirements.some((r) => !Object.keys(r).length);
  const parameters = operation.parameters ?? [];
  const hasHeader = (name: string) =>
    parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase());
  const statuses = new Set<string>(['503']);
  if (credentialAccepted) statuses.add('401');
  if (!anonymous) statuses.add('403').add('429');
  if (parameters.length > 0 || operation.requestBody !== undefined) statuses.add('400');
  if (parameters.some((p) => p.in === 'path')) statuses.add('404');
  if (operation.requestBody !== undefined) statuses.add('413').add('415');
  // A command appends events: a concurrent append or a refused rule answers 409, a reused key 422.
  if (hasHeader('Idempotency-Key')) statuses.add('409').add('422');
  if (hasHeader('If-Match')) statuses.add('409');
  return [...statuses].sort();
}

/**
 * Header names are case-insensitive: `@Headers('idempotency-key')` on a handler parameter and
 * `@ApiHeader({ name: 'Idempotency-Key' })` on the method describe one header. The declared
 * (`@ApiHeader`) spelling is kept, at the place of the first.
 */
function withoutDuplicateHeaders(parameters: Parameter[]): Parameter[] {
  const kept: Parameter[] = [];
  for (const parameter of parameters) {
    if (parameter.in !== 'header') {
      kept.push(parameter);
      continue;
    }
    const index = kept.findIndex(
      (p) => p.in === 'header' && p.name.toLowerCase() === parameter.name.toLowerCase(),
    );
    if (index < 0) kept.push(parameter);
    else kept[index] = mergeHeader(kept[index]!, parameter);
  }
  return kept;
}

function mergeHeader(first: Parameter, second: Parameter): Parameter {
  const declared = second.name === second.name.toLowerCase() ? first : second;
  const other = declared === first ? second : first;
  return {
    ...other,
    ...declared,
    required: first.required === true || second.required === true,
  };
}

/**
 * Gives each JSON request body without one an example built from its schema: the required
 * members, each from its `example`, `default` or first `enum` value (`@ApiProperty`). A body
 * whose required members do not all say what they look like gets none, and the lint's
 * example checks would not see it: decorate the member instead.
 */
function addBodyExamples(operation: Operation, schemas: Record<string, Json>): void {
  const content = (operation.requestBody as { content?: Record<string, Json> } | undefined)
    ?.content;
  for (const media of Object.values(content ?? {})) {
    if (media.example !== undefined || media.examples !== undefined) continue;
    const example = exampleOf(media.schema as Json | undefined, schemas);
    if (example !== undefined) media.example = example;
  }
}

function exampleOf(schema: Json | undefined, schemas: Record<string, Json>): unknown {
  if (!schema) return undefined;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    return exampleOf(schemas[ref.replace('#/components/schemas/', '')], schemas);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.type === 'array') {
    const item = exampleOf(schema.items as Json | undefined, schemas);
    return item === undefined ? undefined : [item];
  }
  if (schema.type !== 'object' || schema.properties === undefined) return undefined;
  const properties = schema.properties as Record<string, Json>;
  const example: Record<string, unknown> = {};
  for (const name of (schema.required as string[] | undefined) ?? []) {
    const value = exampleOf(properties[name], schemas);
    if (value === undefined) return undefined;
    example[name] = value;
  }
  return example;
}

function problemContent(): Json {
  return {
    [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } },
  };
}

/** Only the shared responses some operation refers to: unused components are noise. */
function sharedResponseComponents(
  document: OpenAPIObject,
): Record<string, { description: string } & Json> {
  const used = JSON.stringify(document.paths);
  const components: Record<string, { description: string } & Json> = {};
  for (const { name, description, headers } of Object.values(SHARED_RESPONSES)) {
    if (!used.includes(`"#/components/responses/${name}"`)) continue;
    components[name] = {
      description,
      ...(headers ? { headers } : {}),
      content: problemContent(),
    };
  }
  return components;
}
