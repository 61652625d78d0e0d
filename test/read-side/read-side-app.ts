import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import droneAppPolicy from '../../src/consent/policies/drone-app.policy.json';
import { LogCapture } from '../e2e/consent/harness';
import { allRolesKey, bearer, initialAdminKeyFile } from '../support/credentials';

/**
 * The service with the read side, in-process on the embedded SQLite stores of a fresh
 * DATA_DIR, driven with Fastify's `inject()`. Imports are allowed and no example policy is
 * seeded, so a test publishes the policy it needs at the valid time it needs.
 */
export const PROBLEMS = 'https://consent-ledger.dev/problems';
export const UNKNOWN_SUBJECT = '00000000-0000-4000-8000-000000000000';
export const DAY = 86_400_000;

export type Json = Record<string, unknown>;

export interface Combination {
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
}

export const DEVICE_INFO: Combination = {
  category: 'device-info',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
};
export const MAP_LOCATION: Combination = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};
export const LOCATION_CHECK: Combination = {
  category: 'location-check',
  recipient: 'first-party-row',
  purpose: 'geofencing',
};
export const FLIGHT_LOGS: Combination = {
  category: 'flight-logs',
  recipient: 'first-party-row',
  purpose: 'cloud-backup',
};

/** An ISO instant `days` from now (negative: in the past). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

export interface CheckBody {
  subjectId: string;
  at: string;
  permitted: boolean;
  basis?: string;
  since?: string;
  until?: string;
  reasons: string[];
  policyVersion: number | null;
  evidence: { eventId: string; revision: number; type: string }[];
  answeredAtPosition: string;
}

export class ReadSideApp {
  /** The service's log lines (none unless the env raises LOG_LEVEL from silent). */
  readonly logs = new LogCapture();
  private started?: { app: NestFastifyApplication; dataDir: string; apiKey: string };

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-read-side-'));
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      SEED_EXAMPLE_POLICY: 'false',
      ALLOW_BACKDATED_IMPORTS: 'true',
      INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
      ...this.env,
      DATA_DIR: dataDir,
    });
    try {
      const app = await createApp(config, { logDestination: this.logs });
      this.started = { app, dataDir, apiKey: await allRolesKey(app, dataDir) };
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  async dispose(): Promise<void> {
    await this.started?.app.close();
    if (this.started) rmSync(this.started.dataDir, { recursive: true, force: true });
    this.started = undefined;
  }

  get app(): NestFastifyApplication {
    if (!this.started) throw new Error('the app is not started');
    return this.started.app;
  }

  /** A key with every role of the default tenant, sent with every request unless overridden. */
  get credentials(): { authorization: string } {
    if (!this.started) throw new Error('the app is not started');
    return bearer(this.started.apiKey);
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url, headers: { ...this.credentials, ...headers } });
  }

  /** A JSON request; mutating ones get a fresh Idempotency-Key. */
  send(
    method: 'POST' | 'PUT',
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        ...this.credentials,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...headers,
      },
      payload: JSON.stringify(body),
    });
  }

  /** Sends a command, expects success and returns its consistency token. */
  async command(method: 'POST' | 'PUT', url: string, body: unknown): Promise<string> {
    const response = await this.send(method, url, body);
    expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
      status: method === 'POST' ? 201 : 200,
    });
    return response.json<{ consistencyToken: string }>().consistencyToken;
  }

  /** Publishes the example policy (with `changes`) as `version`, effective at `effectiveFrom`. */
  async publishPolicy(version: number, effectiveFrom: string, changes: Json = {}): Promise<string> {
    return this.command('POST', '/v1/policies', {
      ...structuredClone(droneAppPolicy),
      version,
      ...changes,
      effectiveFrom,
    });
  }

  async registerSubject(
    occurredAt: string,
    residency = 'row',
  ): Promise<{ subjectId: string; token: string }> {
    const response = await this.send('POST', '/v1/subjects', {
      appSubjectId: `app-${randomUUID()}`,
      residency,
      occurredAt,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ subjectId: string; consistencyToken: string }>();
    return { subjectId: body.subjectId, token: body.consistencyToken };
  }

  /** A read-only POST (no Idempotency-Key): `/v1/checks` or `/v1/checks/batch`. */
  ask(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.credentials, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  }

  /** POST /v1/checks, expecting an answer; `token` goes in the query. */
  async check(body: Json, token?: string): Promise<CheckBody> {
    const query = token === undefined ? '' : `?consistencyToken=${encodeURIComponent(token)}`;
    const response = await this.ask(`/v1/checks${query}`, body);
    expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
      status: 200,
    });
    return response.json<CheckBody>();
  }
}

/** Starts the app before the file's tests and disposes of it after them. */
export function useReadSideApp(env: Record<string, string> = {}): ReadSideApp {
  const app = new ReadSideApp(env);
  beforeAll(() => app.start());
  afterAll(() => app.dispose());
  return app;
}

/** Checks a problem+json response and returns its body. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  type: string,
): Json & { detail: string } {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<Json & { detail: string }>();
  expect(body).toMatchObject({ type: `${PROBLEMS}/${type}`, status });
  return body;
}
