import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeOpenApiDocument } from './openapi-completion';

const DOCS_PATH = '/docs';
const OPENAPI_JSON_PATH = '/openapi.json';

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
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    // Relative: the document describes whichever host serves it.
    .addServer('/')
    .setOpenAPIVersion('3.1.0')
    .build();
  const buildDocument = (): OpenAPIObject =>
    completeOpenApiDocument(SwaggerModule.createDocument(app, base));
  SwaggerModule.setup(DOCS_PATH, app, buildDocument, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'consent-ledger API',
    // Swagger UI would otherwise fetch a validity badge from validator.swagger.io.
    swaggerOptions: { validatorUrl: null },
  });
}
