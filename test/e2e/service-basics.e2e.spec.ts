import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString, Length } from 'class-validator';
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { ProjectorHost } from '../../src/projections/projector-host';
import { loadConfig } from '../../src/config/load-config';
import {
  EventStoreUnavailableError,
  EventTooLargeError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { Public } from '../../src/auth/public.decorator';

const PROBLEMS = 'https://consent-ledger.dev/problems';
const BODY_LIMIT_BYTES = 1024;

class CreateThingDto {
  @IsString()
  @Length(1, 20)
  name!: string;
}

/** Test-only endpoints that fail the ways real handlers will. */
@Controller('test')
@Public()
class FailingController {
  @Get('wrong-revision')
  wrongRevision(): never {
    throw new WrongExpectedRevisionError('subject-stream', 3, 5);
  }

  @Get('event-too-large')
  eventTooLarge(): never {
    throw new EventTooLargeError('0f8fad5b-d9cb-469f-a165-70867728950e', 2_000_000, 1_048_576);
  }

  @Get('invalid-append')
  invalidAppend(): never {
    throw new InvalidAppendError('an append needs at least one event');
  }

  @Get('store-unavailable')
  storeUnavailable(): never {
    throw new EventStoreUnavailableError('connect ECONNREFUSED 10.1.2.3:5432');
  }

  @Get('unexpected')
  unexpected(): never {
    throw new Error('internal detail about alice@example.com');
  }

  @Post('things')
  createThing(@Body() thing: CreateThingDto): CreateThingDto {
    return thing;
  }

  @Get('things/:id')
  getThing(@Param('id') id: string): { length: number } {
    return { length: id.length };
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

/** Collects the JSON log lines the app writes. */
class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  type: string,
): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<Record<string, unknown>>();
  expect(body).toMatchObject({ type: `${PROBLEMS}/${type}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('service basics', () => {
  let dataDir: string;
  let app: NestFastifyApplication;
  const logs = new LogCapture();

  const inject = (
    options: Parameters<NestFastifyApplication['inject']>[0],
  ): Promise<LightMyRequestResponse> => app.inject(options);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-e2e-'));
    const config = loadConfig({
      DATA_DIR: join(dataDir, 'nested', 'data'),
      BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
      LOG_LEVEL: 'info',
      INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
    });
    app = await createApp(config, { logDestination: logs, extraImports: [FailingModule] });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('probes', () => {
    it('GET /health answers 200 ok', async () => {
      const response = await inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok' });
    });

    it('GET /ready answers 200 once the store answers and the projections caught up', async () => {
      // The projections catch up with the example policy asynchronously after start.
      let response = await inject({ method: 'GET', url: '/ready' });
      for (let tries = 0; response.statusCode !== 200 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        response = await inject({ method: 'GET', url: '/ready' });
      }
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'ok',
        details: {
          // On first start: the default tenant's example policy and its first admin key.
          eventStore: { status: 'up', kind: 'sqlite', headPosition: '2' },
          projections: { status: 'up', projections: app.get(ProjectorHost).states().length },
        },
      });
    });
  });

  describe('metrics', () => {
    it('times requests by route template, never by raw URL', async () => {
      await inject({
        method: 'GET',
        url: '/test/things/alice%40example.com?email=bob%40example.com',
      });
      const response = await inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      const text = response.body;
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/test\/things\/:id",status_code="200"\} 1/,
      );
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).not.toMatch(/alice|bob|example\.com/);
    });

    it('labels unmatched routes without their path', async () => {
      await inject({ method: 'GET', url: '/no-such/carol' });
      const text = (await inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).toMatch(/route="unmatched",status_code="404"/);
      expect(text).not.toContain('carol');
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /openapi.json', async () => {
      const response = await inject({ method: 'GET', url: '/openapi.json' });
      expect(response.statusCode).toBe(200);
      const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/health', '/ready', '/metrics']),
      );
    });

    it('serves Swagger UI and its assets from the package, not a CDN', async () => {
      const page = await inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('swagger-ui');
      expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      const bundle = await inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
    });
  });

  describe('errors as problem+json', () => {
    it('answers an unknown route with a 404 problem whose instance has no query string', async () => {
      const response = await inject({
        method: 'GET',
        url: '/nowhere/dave?email=dave%40example.com',
      });
      const body = expectProblem(response, 404, 'route-not-found');
      expect(body.instance).toBe('/nowhere/dave');
      expect(response.body).not.toContain('example.com');
    });

    it('answers a malformed JSON body with 400', async () => {
      const response = await inject({
        method: 'POST',
        url: '/test/things',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expectProblem(response, 400, 'malformed-json');
    });

    it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
      const response = await inject({
        method: 'POST',
        url: '/test/things',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES * 2) }),
      });
      const body = expectProblem(response, 413, 'payload-too-large');
      expect(body.limitBytes).toBe(BODY_LIMIT_BYTES);
    });

    it('answers an unsupported media type with 415', async () => {
      const response = await inject({
        method: 'POST',
        url: '/test/things',
        headers: { 'content-type': 'application/xml' },
        payload: '<name>x</name>',
      });
      expectProblem(response, 415, 'unsupported-media-type');
    });

    it('lists every invalid or unknown field with what it allows', async () => {
      const response = await inject({
        method: 'POST',
        url: '/test/things',
        payload: { name: '', colour: 'red' },
      });
      const body = expectProblem(response, 400, 'validation-error');
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: 'name must be longer than or equal to 1 characters' },
          { field: 'colour', message: 'property colour should not exist' },
        ]),
      );
    });

    it('passes a valid body through the validation pipe', async () => {
      const response = await inject({
        method: 'POST',
        url: '/test/things',
        payload: { name: 'ok' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ name: 'ok' });
    });

    it('maps WrongExpectedRevisionError to 409 with the current revision', async () => {
      const response = await inject({ method: 'GET', url: '/test/wrong-revision' });
      const body = expectProblem(response, 409, 'wrong-expected-revision');
      expect(body.currentRevision).toBe(5);
      expect(body.instance).toBe('/test/wrong-revision');
    });

    it('maps EventTooLargeError to 413', async () => {
      const response = await inject({ method: 'GET', url: '/test/event-too-large' });
      const body = expectProblem(response, 413, 'event-too-large');
      expect(body.limitBytes).toBe(1_048_576);
    });

    it('maps InvalidAppendError to 400 with its message', async () => {
      const response = await inject({ method: 'GET', url: '/test/invalid-append' });
      const body = expectProblem(response, 400, 'invalid-append');
      expect(body.detail).toBe('an append needs at least one event');
    });

    it('maps EventStoreUnavailableError to 503 with Retry-After and no internal detail', async () => {
      const response = await inject({ method: 'GET', url: '/test/store-unavailable' });
      expectProblem(response, 503, 'event-store-unavailable');
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).not.toContain('10.1.2.3');
    });

    it('answers anything unexpected with a generic 500 and logs it with the request id', async () => {
      const response = await inject({
        method: 'GET',
        url: '/test/unexpected',
        headers: { 'x-request-id': 'trace-500' },
      });
      expectProblem(response, 500, 'internal-error');
      expect(response.body).not.toContain('alice');
      const logged = logs.lines.find(
        (line) => line.reqId === 'trace-500' && line.msg === 'unexpected error',
      );
      expect(logged).toMatchObject({
        level: 'error',
        err: { message: expect.stringContaining('internal detail') as unknown },
      });
    });
  });

  describe('request ids and logs', () => {
    it('echoes a sane X-Request-Id', async () => {
      const response = await inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': 'abc.DEF_123-xyz' },
      });
      expect(response.headers['x-request-id']).toBe('abc.DEF_123-xyz');
    });

    it('replaces an unsafe or over-long X-Request-Id with a UUID', async () => {
      for (const unsafe of ['has space', 'x'.repeat(129), 'quote"d']) {
        const response = await inject({
          method: 'GET',
          url: '/health',
          headers: { 'x-request-id': unsafe },
        });
        expect(response.headers['x-request-id']).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        );
      }
    });

    it('sets an X-Request-Id on problem responses too', async () => {
      const response = await inject({
        method: 'GET',
        url: '/nowhere',
        headers: { 'x-request-id': 'lost-1' },
      });
      expect(response.headers['x-request-id']).toBe('lost-1');
    });

    it('logs one line per request with route template, status and duration only', async () => {
      await inject({
        method: 'POST',
        url: '/test/things?email=erin%40example.com',
        headers: {
          'x-request-id': 'log-check',
          authorization: 'Bearer s3cret',
          'idempotency-key': 'k-1',
        },
        payload: { name: 'erin@example.com' },
      });
      const lines = logs.lines.filter((line) => line.reqId === 'log-check');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        msg: 'request completed',
        method: 'POST',
        route: '/test/things',
        statusCode: 201,
        durationMs: expect.any(Number) as unknown,
      });
      const raw = logs.raw.join('\n');
      expect(raw).not.toMatch(/erin|s3cret|k-1"/);
    });
  });

  describe('shutdown', () => {
    it('closes the event store when the application closes', async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const close = jest.spyOn(store, 'close');
      await app.close();
      expect(close).toHaveBeenCalledTimes(1);
    });
  });
});
