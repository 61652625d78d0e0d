import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../../src/bootstrap/create-app';
import { loadConfig } from '../../../src/config/load-config';
import type { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../../src/event-store/event-store.token';
import { allRolesKey, bearer, initialAdminKeyFile } from '../../support/credentials';

/**
 * An in-process consent-ledger on the embedded SQLite store, driven with Fastify's
 * `inject()`: one app per spec file, on its own temporary DATA_DIR, closed and deleted
 * after the file's tests.
 */

export const PROBLEMS = 'https://consent-ledger.dev/problems';
export const TENANT = 'default';

/** A UUID that names no subject. */
export const UNKNOWN_SUBJECT = '00000000-0000-4000-8000-000000000000';

export type Json = Record<string, unknown>;

type InjectOptions = Exclude<Parameters<NestFastifyApplication['inject']>[0], string | undefined>;

/** The RFC 9457 members every problem carries, plus its extensions. */
export interface ProblemBody extends Json {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: { field: string; message: string }[];
  allowed?: string[];
}

export interface RequestOptions {
  /** The Idempotency-Key; a fresh UUID when omitted, no header at all when `null`. */
  readonly key?: string | null;
  readonly ifMatch?: string;
  readonly headers?: Record<string, string>;
}

export interface RegisteredSubject {
  readonly subjectId: string;
  readonly appSubjectId: string;
  readonly revision: number;
  readonly etag: string;
  readonly consistencyToken: string;
  /** `/v1/subjects/<subjectId>` */
  readonly path: string;
}

/** Collects the JSON log lines the app writes. */
export class LogCapture extends Writable {
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.raw.join('\n');
  }
}

export class ConsentApi {
  readonly logs = new LogCapture();
  private started?: { app: NestFastifyApplication; dataDir: string; apiKey: string };
  private closed = false;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-e2e-consent-'));
    const config = loadConfig({
      LOG_LEVEL: 'silent',
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

  /** Closes the app; the data directory stays until `dispose` so tests can read it. */
  async close(): Promise<void> {
    if (this.closed || !this.started) return;
    this.closed = true;
    await this.started.app.close();
  }

  async dispose(): Promise<void> {
    await this.close();
    if (this.started) rmSync(this.started.dataDir, { recursive: true, force: true });
    this.started = undefined;
  }

  get app(): NestFastifyApplication {
    if (!this.started) throw new Error('the consent app is not started');
    return this.started.app;
  }

  get dataDir(): string {
    if (!this.started) throw new Error('the consent app is not started');
    return this.started.dataDir;
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** A key with every role of the default tenant; every request carries it unless told otherwise. */
  get apiKey(): string {
    if (!this.started) throw new Error('the consent app is not started');
    return this.started.apiKey;
  }

  inject(options: InjectOptions): Promise<LightMyRequestResponse> {
    return this.app.inject({ ...options, headers: { ...bearer(this.apiKey), ...options.headers } });
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.inject({ method: 'GET', url, headers });
  }

  post(url: string, body: unknown, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    return this.send('POST', url, body, options);
  }

  put(url: string, body: unknown, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    return this.send('PUT', url, body, options);
  }

  /** A JSON request with an Idempotency-Key (fresh unless given, absent when `null`). */
  send(
    method: 'POST' | 'PUT',
    url: string,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...options.headers,
    };
    if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    return this.inject({
      method,
      url,
      headers,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** Registers a subject (residency `row` unless overridden) and checks the 201. */
  async registerSubject(overrides: Json = {}): Promise<RegisteredSubject> {
    const appSubjectId = `app-${randomUUID()}`;
    const response = await this.post('/v1/subjects', {
      appSubjectId,
      residency: 'row',
      ...overrides,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ subjectId: string; revision: number; consistencyToken: string }>();
    return {
      subjectId: body.subjectId,
      appSubjectId:
        typeof overrides.appSubjectId === 'string' ? overrides.appSubjectId : appSubjectId,
      revision: body.revision,
      etag: String(response.headers.etag),
      consistencyToken: body.consistencyToken,
      path: `/v1/subjects/${body.subjectId}`,
    };
  }

  async permissions(subjectPath: string, at?: string): Promise<PermissionsView> {
    const query = at === undefined ? '' : `?at=${encodeURIComponent(at)}`;
    const response = await this.get(`${subjectPath}/permissions${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<PermissionsView>();
  }

  /** The permission row for one combination, which must exist. */
  async permission(
    subjectPath: string,
    combination: Combination,
    at?: string,
  ): Promise<PermissionRow> {
    const view = await this.permissions(subjectPath, at);
    const row = view.permissions.find(
      (p) =>
        p.category === combination.category &&
        p.recipient === combination.recipient &&
        p.purpose === combination.purpose,
    );
    if (!row) throw new Error(`no permission row for ${JSON.stringify(combination)}`);
    return row;
  }

  subjectEvents(subjectId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(`subject-${TENANT}-${subjectId}`);
  }

  allEvents(): Promise<RecordedEvent[]> {
    return this.store.readAll();
  }
}

/** A type, not an interface, so that it also passes as a `Json` body. */
export type Combination = {
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
};

export interface PermissionRow extends Combination {
  default: string;
  permitted: boolean;
  basis?: string;
  reasons: string[];
}

export interface PermissionsView {
  subjectId: string;
  at: string;
  policyVersion: number;
  localDataMode: boolean;
  revision: number;
  permissions: PermissionRow[];
}

/** Starts the app before the file's tests and disposes of it after them. */
export function useConsentApi(env: Record<string, string> = {}): ConsentApi {
  const api = new ConsentApi(env);
  beforeAll(() => api.start());
  afterAll(() => api.dispose());
  return api;
}

/** Checks a problem+json response and returns its body. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  type: string,
): ProblemBody {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<ProblemBody>();
  expect(body).toMatchObject({ type: `${PROBLEMS}/${type}`, status });
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body.instance).toBe((response.raw.req.url ?? '').split('?')[0]);
  return body;
}

/** A 400 validation problem whose `errors` name `field`. */
export function expectFieldError(response: LightMyRequestResponse, field: string): ProblemBody {
  const body = expectProblem(response, 400, 'validation-error');
  expect(body.errors?.map((e) => e.field)).toContain(field);
  return body;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** An ISO instant `offsetMs` from now. */
export function isoFromNow(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
