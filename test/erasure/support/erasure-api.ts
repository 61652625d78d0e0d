import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../../src/bootstrap/create-app';
import { loadConfig } from '../../../src/config/load-config';
import { ErasureModule } from '../../../src/erasure/erasure.module';
import type { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../../src/event-store/event-store.token';
import { LogCapture, type RegisteredSubject } from '../../e2e/consent/harness';
import { allRolesKey, bearer, initialAdminKeyFile } from '../../support/credentials';
import { erasureClock } from './erasure-clock.module';
import { TravellingClock } from './travelling-clock';

export type Json = Record<string, unknown>;

export const TENANT = 'default';

export interface ErasureReceipt {
  subjectId: string;
  erasureId: string;
  revision: number;
  consistencyToken: string;
  replayed: boolean;
  recorded?: boolean;
  shredding?: string;
}

export interface ErasureRecipient {
  recipient: string;
  categories: string[];
  notifiedAt: string;
  confirmed: boolean;
  confirmedAt?: string;
}

export interface ErasureBody {
  subjectId: string;
  erasureId: string;
  scope: 'account' | 'categories';
  categories?: string[];
  requestedBy: string;
  requestedAt: string;
  originalDeadline: string;
  deadline: string;
  state: 'open' | 'completed';
  overdue: boolean;
  extension: {
    extendedAt: string;
    newDeadline: string;
    subjectToldAt: string;
    reason?: string | null;
  } | null;
  recipients: ErasureRecipient[];
  completion: {
    completedAt: string;
    completion: 'all-confirmed' | 'override';
    actor: string;
    overrideReason?: string | null;
  } | null;
  notificationsPending?: string[];
  shredding?: 'not-applicable' | 'pending' | 'done';
  personalDataAvailable?: boolean;
  revision?: number;
}

export interface ErasureList {
  erasures: ErasureBody[];
  now: string;
  answeredAtPosition: string;
  nextCursor: string | null;
}

/**
 * The service with the erasure module (ADR 0013) on the embedded stores of a fresh
 * DATA_DIR, driven with `inject()`. The module runs on a `TravellingClock`, so a test can
 * move "now" past a deadline; the consent routes keep the real clock.
 */
export class ErasureApi {
  readonly logs = new LogCapture();
  readonly clock = new TravellingClock();
  private started?: NestFastifyApplication;
  private apiKey?: string;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-erasure-'));

  /** `imports`: more modules for the app, e.g. a global one that provides a test double. */
  constructor(
    private readonly env: Record<string, string> = {},
    private readonly imports: NonNullable<ModuleMetadata['imports']> = [],
  ) {}

  async start(): Promise<void> {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(this.dataDir),
      ...this.env,
      DATA_DIR: this.dataDir,
    });
    this.started = await createApp(config, {
      logDestination: this.logs,
      extraImports: [ErasureModule, erasureClock(this.clock), ...this.imports],
    });
    this.apiKey = await allRolesKey(this.started, this.dataDir);
  }

  /** Closes the app; the data directory stays until `dispose`. */
  async close(): Promise<void> {
    const app = this.started;
    this.started = undefined;
    await app?.close();
  }

  async dispose(): Promise<void> {
    await this.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get app(): NestFastifyApplication {
    if (!this.started) throw new Error('the app is not started');
    return this.started;
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url, headers: { ...this.credentials, ...headers } });
  }

  /** A key with every role of the default tenant, sent with every request unless overridden. */
  get credentials(): { authorization: string } {
    if (this.apiKey === undefined) throw new Error('the app is not started');
    return bearer(this.apiKey);
  }

  /** A JSON POST with a fresh Idempotency-Key unless one is given. */
  post(url: string, body: unknown, key: string = randomUUID()): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.credentials, 'content-type': 'application/json', 'idempotency-key': key },
      payload: JSON.stringify(body),
    });
  }

  async registerSubject(overrides: Json = {}): Promise<RegisteredSubject> {
    const appSubjectId = `app-${randomUUID()}`;
    const response = await this.post('/v1/subjects', {
      appSubjectId,
      residency: 'row',
      ...overrides,
    });
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
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

  /** Records a sync and checks its outcome. */
  async sync(subjectPath: string, body: Json, outcome: 'recorded' | 'refused'): Promise<void> {
    const response = await this.post(`${subjectPath}/syncs`, {
      syncId: randomUUID(),
      userInitiated: false,
      ...body,
    });
    expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
      status: 201,
      body: { outcome },
    });
  }

  /** Requests erasure (a consent route) and returns its receipt. */
  async requestErasure(subjectPath: string, body: Json): Promise<ErasureReceipt> {
    const response = await this.post(`${subjectPath}/erasure-requests`, body);
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
    return response.json<ErasureReceipt>();
  }

  /** The request, after the workflow reacted to everything up to `token`. */
  async erasure(subjectPath: string, erasureId: string, token?: string): Promise<ErasureBody> {
    const query = token === undefined ? '' : `?consistencyToken=${token}`;
    const response = await this.get(`${subjectPath}/erasure-requests/${erasureId}${query}`);
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
    return response.json<ErasureBody>();
  }

  async list(query = '', token?: string): Promise<ErasureList> {
    const parts = [query, token === undefined ? '' : `consistencyToken=${token}`].filter(Boolean);
    const response = await this.get(`/v1/erasures${parts.length ? `?${parts.join('&')}` : ''}`);
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
    return response.json<ErasureList>();
  }

  subjectEvents(subjectId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(`subject-${TENANT}-${subjectId}`);
  }
}

/** Starts the app before the file's tests and disposes of it after them. */
export function useErasureApi(env: Record<string, string> = {}): ErasureApi {
  const api = new ErasureApi(env);
  beforeAll(() => api.start());
  afterAll(() => api.dispose());
  return api;
}
