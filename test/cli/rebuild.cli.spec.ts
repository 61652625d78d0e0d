import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import droneAppPolicy from '../../src/consent/policies/drone-app.policy.json';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { allRolesKey, bearer, initialAdminKeyFile } from '../support/credentials';

const ROOT = join(__dirname, '..', '..');
const REGISTER_TS = join(ROOT, 'test', 'support', 'register-ts.js');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const DAY = 86_400_000;
const REBUILT = ['consent_state', 'flow_windows', 'flows'];

const MAP = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};
const DEVICE = { category: 'device-info', recipient: 'first-party-row', purpose: 'diagnostics' };

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** Checks are asked at a fixed instant, so both answers are about the same moment. */
const ASKED_AT = new Date(Date.now() - DAY / 2).toISOString();

let dataDir: string;
const subjects: string[] = [];
let head: bigint;
let live: unknown;
let apiKey: string;

function config() {
  return loadConfig({
    DATA_DIR: dataDir,
    INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
    LOG_LEVEL: 'silent',
    SEED_EXAMPLE_POLICY: 'false',
    ALLOW_BACKDATED_IMPORTS: 'true',
  });
}

async function send(
  app: NestFastifyApplication,
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await app.inject({
    method,
    url,
    headers: {
      ...bearer(apiKey),
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    payload: JSON.stringify(body),
  });
  expect({ url, status: response.statusCode }).toEqual({
    url,
    status: method === 'POST' ? 201 : 200,
  });
  return response.json();
}

/** Every answer the rebuilt read models give, read once the app has caught up. */
async function answers(app: NestFastifyApplication): Promise<unknown> {
  const token = `consistencyToken=${head}`;
  const get = async (url: string) =>
    (await app.inject({ method: 'GET', url, headers: bearer(apiKey) })).json<unknown>();
  const checks = await app.inject({
    method: 'POST',
    url: `/v1/checks/batch?${token}`,
    headers: { ...bearer(apiKey), 'content-type': 'application/json' },
    payload: JSON.stringify({
      checks: subjects.flatMap((subjectId) =>
        [MAP, DEVICE].map((combination) => ({ subjectId, ...combination, at: ASKED_AT })),
      ),
    }),
  });
  return {
    checks: checks.json<unknown>(),
    windows: await Promise.all(
      subjects.map((id) => get(`/v1/subjects/${id}/flow-windows?${token}`)),
    ),
    flows: await Promise.all(subjects.map((id) => get(`/v1/subjects/${id}/flows?${token}`))),
    violations: await get(`/v1/violations?${token}`),
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-cli-'));
  const app = await createApp(config());
  apiKey = await allRolesKey(app, dataDir);
  try {
    await send(app, 'POST', '/v1/policies', {
      ...structuredClone(droneAppPolicy),
      effectiveFrom: ago(30),
    });
    for (let i = 0; i < 3; i++) {
      const registered = await send(app, 'POST', '/v1/subjects', {
        appSubjectId: `app-${randomUUID()}`,
        residency: 'row',
        occurredAt: ago(20),
      });
      const subject = `/v1/subjects/${String(registered.subjectId)}`;
      subjects.push(String(registered.subjectId));
      await send(app, 'POST', `${subject}/grants`, { ...MAP, occurredAt: ago(10) });
      await send(app, 'POST', `${subject}/syncs`, {
        ...MAP,
        syncId: `sync-${i}`,
        precision: 'approximate',
        userInitiated: false,
        occurredAt: ago(5),
      });
      await send(app, 'POST', `${subject}/syncs`, {
        ...DEVICE,
        syncId: `refused-${i}`,
        precision: 'precise',
        userInitiated: false,
        occurredAt: ago(4),
      });
      if (i > 0) {
        await send(app, 'PUT', `${subject}/local-data-mode`, { on: true, occurredAt: ago(6) });
      }
    }
    head = await app.get<EventStore>(EVENT_STORE).headPosition();
    live = await answers(app);
  } finally {
    await app.close();
  }
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('rebuilds the named projections with a line each, and they answer as before', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', REGISTER_TS, CLI, 'rebuild', ...REBUILT],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_EXAMPLE_POLICY: 'false' },
      timeout: 120_000,
    },
  );

  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(REBUILT.length);
  lines.forEach((line, i) => {
    const match =
      /^(\w+): rebuilt (\d+) events to position (\d+) in \d+\.\d\d s \((\d+) events\/s\)$/.exec(
        line,
      );
    expect(match?.slice(1, 4)).toEqual([REBUILT[i], String(head), String(head)]);
    expect(Number(match?.[4])).toBeGreaterThan(0);
  });

  // The answers compared are not empty: permitted and refused checks, windows, violations.
  expect(live).toMatchObject({
    checks: {
      results: expect.arrayContaining([expect.objectContaining({ permitted: true })]) as unknown,
    },
    violations: { violations: [expect.anything(), expect.anything()] },
  });
  const app = await createApp(config());
  try {
    expect(await answers(app)).toEqual(live);
  } finally {
    await app.close();
  }
}, 120_000);

it('refuses an unknown projection before rebuilding anything', async () => {
  const run = promisify(execFile)(process.execPath, ['-r', REGISTER_TS, CLI, 'rebuild', 'nope'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_EXAMPLE_POLICY: 'false' },
    timeout: 120_000,
  });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stdout: '',
    stderr: expect.stringContaining('no projection named "nope" is registered') as unknown,
  });
}, 120_000);
