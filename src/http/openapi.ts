import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

const DOCS_PATH = '/docs';
const OPENAPI_JSON_PATH = '/openapi.json';

/** Name of the shared RFC 9457 schema in `components.schemas`, for `$ref`s in controllers. */
const PROBLEM_SCHEMA = 'Problem';

const PROBLEM_SCHEMA_OBJECT = {
  type: 'object',
  description: `RFC 9457 problem details, served as ${PROBLEM_CONTENT_TYPE}.`,
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: {
      type: 'string',
      description:
        'The request path without its query string; absent when the path itself was refused (undecodable, too long, unreadable).',
    },
  },
  additionalProperties: true,
};

/**
 * Serves the OpenAPI document at /openapi.json and Swagger UI at /docs. On Fastify,
 * SwaggerModule serves the UI's assets from the installed `swagger-ui-dist` through
 * @fastify/static, so the page loads nothing from the internet.
 */
export function setupOpenApi(app: INestApplication): void {
  const base = new DocumentBuilder()
    .setTitle('consent-ledger')
    .setDescription(
      'Event-sourced consent ledger. Every error is RFC 9457 application/problem+json.',
    )
    .setVersion('0.1.0')
    .setOpenAPIVersion('3.1.0')
    .build();
  const buildDocument = (): OpenAPIObject => {
    const document = SwaggerModule.createDocument(app, base);
    document.components = {
      ...document.components,
      schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: PROBLEM_SCHEMA_OBJECT },
    };
    return document;
  };
  SwaggerModule.setup(DOCS_PATH, app, buildDocument, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'consent-ledger API',
    // Swagger UI would otherwise fetch a validity badge from validator.swagger.io.
    swaggerOptions: { validatorUrl: null },
  });
}
