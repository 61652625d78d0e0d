import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, Req } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../src/auth/public.decorator';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import { ReadStoreUnavailableError } from '../../src/read-store/read-store.errors';
import { allRolesKey, bearer, initialAdminKeyFile } from '../support/credentials';
import { leakForms } from '../support/leak-forms';
import { listenOnLoopback, sendRaw } from '../support/raw-http';
import { LogCapture } from './consent/harness';

/**
 * Canary test for URLs: malformed requests of every kind carry a unique value in their path
 * and query; it must show up in no log line (at trace level, in any encoding) and in no
 * answer, except that a decodable path comes back as the problem's `instance`, to the
 * caller who sent it.
 */
type InjectOptions = Exclude<Parameters<NestFastifyApplication['inject']>[0], string | undefined>;

const CANARY = `canary${randomBytes(6).toString('hex')}`;
const EMAIL = `${CANARY}@example.org`;

/** Test-only endpoints that fail the way libraries do: quoting the URL they failed on. */
@Controller('test-leaks')
@Public()
class LeakyController {
  @Get('unexpected/:id')
  unexpected(@Req() request: FastifyRequest): never {
    throw new TypeError(
      `cannot handle '${request.url}' (decoded ${decodeURIComponent(request.url)})`,
    );
  }

  @Get('outage/:id')
  outage(): never {
    throw new ReadStoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432');
  }
}

@Module({ controllers: [LeakyController] })
class LeakyModule {}

const logs = new LogCapture();
let app: NestFastifyApplication;
let dataDir: string;
let key: string;
const answers = new Map<string, string>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-url-canary-'));
  app = await createApp(
    loadConfig({
      LOG_LEVEL: 'trace',
      DATA_DIR: dataDir,
      INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
      BODY_LIMIT_BYTES: '4096',
    }),
    { logDestination: logs, extraImports: [LeakyModule] },
  );
  key = await allRolesKey(app, dataDir);
  const port = await listenOnLoopback(app);

  const subject = `/v1/subjects/${randomUUID()}`;
  const query = `email=${encodeURIComponent(EMAIL)}&q=${CANARY}`;
  const json = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
  const injected: [string, InjectOptions][] = [
    ['unknown route', { method: 'GET', url: `/nowhere/${CANARY}?${query}` }],
    ['unknown method', { method: 'PATCH', url: `${subject}/${CANARY}?${query}` }],
    ['non-UUID path parameter', { method: 'GET', url: `/v1/subjects/${CANARY}?${query}` }],
    [
      'percent-encoded canary',
      { method: 'GET', url: `/v1/subjects/%63${CANARY.slice(1)}?${query}` },
    ],
    ['undecodable path', { method: 'GET', url: `/v1/subjects/%ZZ${CANARY}/permissions?${query}` }],
    [
      'over-long parameter',
      { method: 'GET', url: `/v1/subjects/${CANARY.repeat(10)}/flows?${query}` },
    ],
    ['no credentials', { method: 'GET', url: `${subject}/${CANARY}?${query}`, headers: {} }],
    ['bad query values', { method: 'GET', url: `${subject}/permissions?at=${CANARY}&${query}` }],
    [
      'bad token',
      { method: 'GET', url: `/v1/erasures?consistencyToken=${CANARY}&limit=${CANARY}` },
    ],
    [
      'bad event id',
      { method: 'GET', url: `/v1/audit/proofs/inclusion?eventId=${CANARY}&${query}` },
    ],
    [
      'malformed JSON',
      { method: 'POST', url: `/v1/subjects?${query}`, headers: json, payload: `{"${CANARY}":` },
    ],
    [
      'too large',
      {
        method: 'POST',
        url: `/v1/subjects?${query}`,
        headers: json,
        payload: `"${'x'.repeat(5000)}"`,
      },
    ],
    [
      'not JSON',
      {
        method: 'POST',
        url: `/v1/subjects?${query}`,
        headers: { ...json, 'content-type': 'text/plain' },
        payload: CANARY,
      },
    ],
    [
      'invalid UTF-8',
      {
        method: 'POST',
        url: `/v1/subjects?${query}`,
        headers: json,
        payload: Buffer.concat([
          Buffer.from(`{"a":"${CANARY}`),
          Buffer.from([0xc0]),
          Buffer.from('"}'),
        ]),
      },
    ],
    [
      'too deep',
      { method: 'POST', url: `/v1/subjects?${query}`, headers: json, payload: '['.repeat(64) },
    ],
    ['unexpected error', { method: 'GET', url: `/test-leaks/unexpected/${CANARY}?${query}` }],
    ['expected outage', { method: 'GET', url: `/test-leaks/outage/${CANARY}?${query}` }],
  ];
  for (const [name, options] of injected) {
    const withKey =
      name === 'no credentials'
        ? options
        : { ...options, headers: { ...bearer(key), ...options.headers } };
    const response = await app.inject(withKey);
    answers.set(`${name} (${response.statusCode})`, withoutInstance(response.body));
  }

  const target = `/v1/subjects/${CANARY}/permissions?${query}`;
  const raw: [string, string][] = [
    [
      'headers too large',
      `GET ${target} HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(17_000)}\r\n\r\n`,
    ],
    ['malformed header', `GET ${target} HTTP/1.1\r\nHost: x\r\n${CANARY}\r\n\r\n`],
    ['malformed request line', `GET ${target} HTTP/1.1 extra\r\nHost: x\r\n\r\n`],
    [
      'undecodable raw path',
      `GET /v1/subjects/%E0%A4%A${CANARY}?${query} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ],
  ];
  for (const [name, request] of raw) {
    const response = await sendRaw(port, request);
    answers.set(`raw ${name} (${response.status})`, withoutInstance(response.body));
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The body with its `instance` taken out: the one place a decodable path is echoed. */
function withoutInstance(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    delete parsed.instance;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

function parsedLogs(): Record<string, unknown>[] {
  return logs.raw.map((line) => JSON.parse(line) as Record<string, unknown>);
}

const FORMS = new Map(
  [CANARY, EMAIL, encodeURIComponent(EMAIL)].flatMap((value) => [...leakForms(value)]),
);

function leaks(text: string): string[] {
  const bytes = Buffer.from(text);
  return [...FORMS].filter(([, needle]) => bytes.includes(needle)).map(([form]) => form);
}

it('sent every kind of malformed request, and each got a 4xx or 5xx answer', () => {
  expect(answers.size).toBe(21);
  for (const [name] of answers) expect(name).toMatch(/\((4|5)\d\d\)$/);
});

it('puts the canary from path or query into no log line', () => {
  expect(logs.raw.length).toBeGreaterThan(answers.size);
  const leaking = logs.raw.filter((line) => leaks(line).length > 0);
  expect(leaking).toEqual([]);
});

it('echoes the canary in no answer, beyond the instance path', () => {
  const leaking = [...answers].filter(([, body]) => leaks(body).length > 0);
  expect(leaking).toEqual([]);
});

it('answers every one of them with problem+json', () => {
  for (const [name, body] of answers) {
    expect({ name, body: JSON.parse(body) as unknown }).toMatchObject({
      name,
      body: { type: expect.any(String) as unknown, title: expect.any(String) as unknown },
    });
  }
});

it('logs an unexpected error with its stack, scrubbed of the URL', () => {
  const line = parsedLogs().find((l) => l.msg === 'unexpected error');
  expect(line).toMatchObject({
    level: 'error',
    err: {
      message: expect.stringContaining("cannot handle '[url]'") as unknown,
      stack: expect.stringContaining('TypeError') as unknown,
    },
  });
});

it('logs an expected outage as one warning line without a stack', () => {
  const lines = parsedLogs().filter((l) => l.level === 'warn');
  expect(lines).toEqual([
    expect.objectContaining({
      msg: 'Service unavailable',
      problemType: 'https://consent-ledger.dev/problems/service-unavailable',
      status: 503,
    }),
  ]);
  expect(JSON.stringify(lines)).not.toMatch(/stack|ECONNREFUSED/);
});
