import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../../src/bootstrap/create-app';
import { loadConfig } from '../../../src/config/load-config';
import { GatedRoutesModule } from './gated-routes';

/** The service with the gated test routes, on its own DATA_DIR, with `env` on top. */
export async function startGatedApp(
  env: Record<string, string>,
  logDestination?: DestinationStream,
): Promise<{ app: NestFastifyApplication; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-overload-'));
  const app = await createApp(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
      // Fixed limits: the adaptive ones are judged on their own (adaptive-limits.int.spec.ts),
      // and a busy test machine must not move the limits these tests count on.
      LOAD_SHEDDING_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    }),
    { extraImports: [GatedRoutesModule], ...(logDestination ? { logDestination } : {}) },
  );
  let closed = false;
  return {
    app,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` until it holds; the spec's timeout bounds the wait. */
export async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(5);
}

/** One sample of a metric from `/metrics`, or 0 when it has no such series yet. */
export async function metric(
  app: NestFastifyApplication,
  name: string,
  labels: string,
): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

export const inFlight = (app: NestFastifyApplication, routeClass: string): Promise<number> =>
  metric(app, 'http_requests_in_flight', `class="${routeClass}"`);

export const queued = (app: NestFastifyApplication, routeClass: string): Promise<number> =>
  metric(app, 'http_requests_queued', `class="${routeClass}"`);

export const shedCount = (
  app: NestFastifyApplication,
  routeClass: string,
  reason: string,
): Promise<number> =>
  metric(app, 'http_requests_shed_total', `class="${routeClass}",reason="${reason}"`);

/** Asserts a shed answer: 503 problem+json with Retry-After, nothing run. */
export function expectShed(response: LightMyRequestResponse | RawAnswer): void {
  const status = 'statusCode' in response ? response.statusCode : response.status;
  const headers = response.headers;
  expect(status).toBe(503);
  expect(headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(headers['retry-after']).toBe('1');
  const body = JSON.parse('body' in response ? response.body : '') as Record<string, unknown>;
  expect(body).toMatchObject({
    type: 'https://consent-ledger.dev/problems/service-unavailable',
    title: 'Service overloaded',
    status: 503,
  });
  expect(typeof body.detail).toBe('string');
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request over a real loopback socket, which the test may abort with `request.destroy()`. */
export function sendRaw(
  port: number,
  method: string,
  path: string,
  label: string,
): { request: ClientRequest; answer: Promise<RawAnswer> } {
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    method,
    path,
    // One connection per request: destroying one must not touch the others.
    agent: false,
    headers: { 'x-test-label': label, 'content-type': 'application/json' },
  });
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  // An aborted request rejects; the test decides whether it cares.
  answer.catch(() => undefined);
  request.end(method === 'POST' ? '{}' : undefined);
  return { request, answer };
}
