/**
 * The service as the check benchmark runs it: `createApp` on the embedded stores of
 * DATA_DIR (from the environment, like `main.ts`), plus the constant routes when
 * BENCH_CONSTANT_ROUTE=1. It waits until every projection has caught up with the log,
 * makes an API key with the `app` role, listens on a free loopback port, tells the parent
 * that port and the key's Authorization header over IPC, and shuts down
 * cleanly when the parent says `stop` (so a --cpu-prof profile gets written).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import { ConstantRouteModule } from './constant-route.module';
import { serveUntilStopped } from '../support/serve-until-stopped';

const CATCH_UP_TIMEOUT_MS = 600_000;

async function main(): Promise<void> {
  const constant = process.env.BENCH_CONSTANT_ROUTE === '1';
  const app = await createApp(loadConfig(process.env), {
    extraImports: constant ? [ConstantRouteModule] : [],
  });
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  if (!(await app.get(ProjectorHost).waitForPosition(head, CATCH_UP_TIMEOUT_MS))) {
    throw new Error('the projections did not catch up with the log in time');
  }
  const authorization = `Bearer ${await appKey(app)}`;
  await serveUntilStopped(app, { authorization });
}

/**
 * An API key with the `app` role (the role apps check with), made through the API with the
 * first tenant-admin key the service wrote to INITIAL_ADMIN_KEY_FILE.
 */
async function appKey(app: NestFastifyApplication): Promise<string> {
  const adminKey = readFileSync(process.env.INITIAL_ADMIN_KEY_FILE!, 'utf8').trim();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: {
      authorization: `Bearer ${adminKey}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    payload: JSON.stringify({ name: 'check-benchmark', roles: ['app'] }),
  });
  if (response.statusCode !== 201) {
    throw new Error(`creating the benchmark's API key answered ${response.statusCode}`);
  }
  return response.json<{ apiKey: string }>().apiKey;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
