import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { type ChainLink, leafHashOf, leafInput } from '../../src/audit/leaf';
import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { AUDIT_LOG_TABLES } from '../../src/audit/log/audit-log.tables';
import { verifyConsistency } from '../../src/audit/merkle/verify-consistency';
import { verifyInclusion } from '../../src/audit/merkle/verify-inclusion';
import { type Checkpoint, openCheckpoint } from '../../src/audit/note/checkpoint';
import {
  formatVerifierKey,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { READ_STORE } from '../../src/read-store/read-store.token';
import { dumpTables } from '../projections/fixtures/stores';
import { allRolesKey, bearer, initialAdminKeyFile } from '../support/credentials';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROBLEMS = 'https://consent-ledger.dev/problems';
const ORIGIN = 'consent-ledger.local/default';

/** Collects the app's JSON log lines. */
class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

/**
 * One capture for both apps: nestjs-pino keeps the first app's logger for lines written
 * outside a request, so the second app's start-up lines land there too.
 */
const logs = new LogCapture();

describe.each(['sqlite', 'postgres'] as const)(
  'provable audit trail on a %s read store',
  (kind) => {
    let dataDir: string;
    let schema: string | undefined;
    let app: NestFastifyApplication;
    let verifier: NoteVerifier;
    let apiKey: string;

    const get = (url: string): Promise<LightMyRequestResponse> =>
      app.inject({ method: 'GET', url, headers: bearer(apiKey) });
    const store = (): EventStore => app.get<EventStore>(EVENT_STORE);

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'cl-audit-e2e-'));
      schema = kind === 'postgres' ? `audit_${randomBytes(6).toString('hex')}` : undefined;
      const config = loadConfig({
        DATA_DIR: dataDir,
        INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
        LOG_LEVEL: 'info',
        CHECKPOINT_EVERY_EVENTS: '1000',
        CHECKPOINT_EVERY_MS: '50',
        ...(schema ? { READ_STORE_URL: `${PG_URL}?schema=${schema}` } : {}),
      });
      app = await createApp(config, { logDestination: logs });
      apiKey = await allRolesKey(app, dataDir);
      // The auditor's trust anchor comes from the key file, not from the service.
      const signerKey = parseSignerKey(
        readFileSync(join(dataDir, 'keys', 'checkpoint-signing.key'), 'utf8').trim(),
      );
      verifier = parseVerifierKey(formatVerifierKey(ORIGIN, signerKey.publicKey));
    });

    afterAll(async () => {
      await app?.close();
      if (schema) await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function registerSubject(): Promise<void> {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/subjects',
        headers: {
          ...bearer(apiKey),
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        payload: JSON.stringify({ appSubjectId: `app-user-${randomUUID()}`, residency: 'row' }),
      });
      expect(response.statusCode).toBe(201);
    }

    async function eventsOfDefaultTenant(): Promise<RecordedEvent[]> {
      const all = await store().readAll();
      return all.filter((event) => event.metadata.tenantId === 'default');
    }

    /** Waits for the audit log to reach the head, then for a checkpoint of the whole log. */
    async function checkpointOfWholeLog(): Promise<{ note: string; checkpoint: Checkpoint }> {
      const head = await store().headPosition();
      expect(await app.get(ProjectorHost).waitForPosition(head, 10_000, ['audit_log'])).toBe(true);
      const expectedSize = BigInt((await eventsOfDefaultTenant()).length);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const response = await get('/v1/audit/checkpoint');
        if (response.statusCode === 200) {
          const checkpoint = openCheckpoint(response.body, verifier);
          if (checkpoint.size === expectedSize) return { note: response.body, checkpoint };
        }
        if (Date.now() > deadline) throw new Error('no checkpoint of the whole log in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    function expectProblem(response: LightMyRequestResponse, status: number, type: string) {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json<Record<string, unknown>>();
      expect(body.type).toBe(`${PROBLEMS}/${type}`);
      return body;
    }

    let first: { note: string; checkpoint: Checkpoint };

    it('logs the verifier key of the generated signing key once', () => {
      const verifierKey = formatVerifierKey(ORIGIN, verifierPublicKey());
      const generated = logs.lines.filter((line) => line.verifierKey === verifierKey);
      expect(generated).toHaveLength(1);
      expect(generated[0]).toMatchObject({ level: 'info', origin: ORIGIN });
      expect(JSON.stringify(logs.lines)).not.toContain('PRIVATE+KEY');
    });

    it('serves the latest signed checkpoint as text, verifiable with the key file alone', async () => {
      await registerSubject();
      await registerSubject();
      first = await checkpointOfWholeLog();
      const response = await get('/v1/audit/checkpoint');
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(first.checkpoint.origin).toBe(ORIGIN);
      expect(first.checkpoint.size).toBeGreaterThanOrEqual(3n);
    });

    it('proves an event is in the checkpointed tree, checked offline from the event itself', async () => {
      const events = await eventsOfDefaultTenant();
      const registered = events.filter((e) => e.type === 'subject-registered');
      for (const event of registered) {
        const response = await get(`/v1/audit/proofs/inclusion?eventId=${event.id}`);
        expect(response.statusCode).toBe(200);
        const body = response.json<{
          leafIndex: number;
          treeSize: number;
          leafHash: string;
          proof: string[];
          leafFormat: number;
          previousInStream: ChainLink;
        }>();
        // A new log chains every leaf (docs/adr/0041): its first event of a stream says so.
        expect(body.leafFormat).toBe(2);
        expect(body.previousInStream).toBe('first');
        const link = body.previousInStream;
        expect(leafInput(event, link).toString('utf8')).not.toContain('app-user-');
        expect(body.treeSize).toBe(Number(first.checkpoint.size));
        expect(body.leafHash).toBe(leafHashOf(event, link).toString('base64'));
        expect(body.leafIndex).toBe(events.indexOf(event));
        const proof = body.proof.map((node) => Buffer.from(node, 'base64'));
        expect(() =>
          verifyInclusion(
            body.leafIndex,
            first.checkpoint.size,
            leafHashOf(event, link),
            proof,
            first.checkpoint.rootHash,
          ),
        ).not.toThrow();
      }
      const byIndex = await get(
        `/v1/audit/proofs/inclusion?leafIndex=0&treeSize=${first.checkpoint.size}`,
      );
      expect(byIndex.json()).toMatchObject({
        leafIndex: 0,
        leafHash: leafHashOf(events[0]!, 'first').toString('base64'),
      });
    });

    it('proves a later checkpoint extends the earlier one and keeps serving the earlier one', async () => {
      await registerSubject();
      const second = await checkpointOfWholeLog();
      expect(second.checkpoint.size).toBeGreaterThan(first.checkpoint.size);
      const again = await get(`/v1/audit/checkpoints/${first.checkpoint.size}`);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.note);
      const response = await get(
        `/v1/audit/proofs/consistency?from=${first.checkpoint.size}&to=${second.checkpoint.size}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<{ from: number; to: number; proof: string[] }>();
      expect(body).toMatchObject({
        from: Number(first.checkpoint.size),
        to: Number(second.checkpoint.size),
      });
      const proof = body.proof.map((node) => Buffer.from(node, 'base64'));
      expect(() =>
        verifyConsistency(
          first.checkpoint.size,
          second.checkpoint.size,
          proof,
          first.checkpoint.rootHash,
          second.checkpoint.rootHash,
        ),
      ).not.toThrow();
    });

    it("keeps every tenant to its own log: another tenant's event is not found", async () => {
      const foreign = randomUUID();
      await store().append(
        `subject-other-${randomUUID()}`,
        [
          {
            id: foreign,
            type: 'consent-granted',
            data: { tenantId: 'other' },
            metadata: { tenantId: 'other' },
          },
        ],
        'no_stream',
      );
      const head = await store().headPosition();
      expect(await app.get(ProjectorHost).waitForPosition(head, 10_000, ['audit_log'])).toBe(true);
      expectProblem(
        await get(`/v1/audit/proofs/inclusion?eventId=${foreign}`),
        404,
        'leaf-not-found',
      );
    });

    it('documents the endpoints under the audit tag', async () => {
      const document = (await get('/openapi.json')).json<{
        paths: Record<string, Record<string, { tags?: string[] }>>;
      }>();
      for (const path of [
        '/v1/audit/checkpoint',
        '/v1/audit/checkpoints/{size}',
        '/v1/audit/proofs/inclusion',
        '/v1/audit/proofs/consistency',
      ]) {
        expect(document.paths[path]?.get?.tags).toEqual(['audit']);
      }
    });

    it('answers bad requests with problems that name the parameter', async () => {
      const size = first.checkpoint.size;
      const cases: [string, number, string, string?][] = [
        ['/v1/audit/proofs/inclusion', 400, 'validation-error', 'eventId'],
        [
          `/v1/audit/proofs/inclusion?eventId=${randomUUID()}&leafIndex=0`,
          400,
          'validation-error',
          'leafIndex',
        ],
        ['/v1/audit/proofs/inclusion?eventId=not-a-uuid', 400, 'validation-error', 'eventId'],
        ['/v1/audit/proofs/inclusion?leafIndex=-1', 400, 'validation-error', 'leafIndex'],
        ['/v1/audit/proofs/inclusion?leafIndex=0&treeSize=0', 400, 'validation-error', 'treeSize'],
        [
          '/v1/audit/proofs/inclusion?leafIndex=0&treeSize=1e3',
          400,
          'validation-error',
          'treeSize',
        ],
        [
          `/v1/audit/proofs/inclusion?leafIndex=${size}&treeSize=${size}`,
          400,
          'validation-error',
          'leafIndex',
        ],
        ['/v1/audit/proofs/inclusion?leafIndex=0&treeSize=999999', 400, 'tree-size-out-of-range'],
        [`/v1/audit/proofs/inclusion?eventId=${randomUUID()}`, 404, 'leaf-not-found'],
        ['/v1/audit/proofs/consistency', 400, 'validation-error', 'from'],
        ['/v1/audit/proofs/consistency?from=0&to=2', 400, 'validation-error', 'from'],
        ['/v1/audit/proofs/consistency?from=3&to=2', 400, 'validation-error', 'from'],
        ['/v1/audit/proofs/consistency?from=1&to=999999', 400, 'tree-size-out-of-range'],
        ['/v1/audit/checkpoints/999999', 404, 'checkpoint-not-found'],
        ['/v1/audit/checkpoints/abc', 400, 'validation-error', 'size'],
      ];
      for (const [url, status, type, field] of cases) {
        const body = expectProblem(await get(url), status, type);
        if (field !== undefined) {
          expect((body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        }
      }
    });

    it('rebuilds the audit log to byte-identical hashes and the same roots, and signs on', async () => {
      const readStore = app.get<ReadStore>(READ_STORE);
      const before = await dumpTables(readStore, AUDIT_LOG_TABLES);
      const latest = openCheckpoint((await get('/v1/audit/checkpoint')).body, verifier);
      const size = Number(latest.size);
      await app.get(ProjectorHost).rebuild('audit_log');
      expect(await dumpTables(readStore, AUDIT_LOG_TABLES)).toBe(before);
      expect(await new AuditLogReader(readStore, 'default').root(size)).toEqual(latest.rootHash);
      const proof = await get(`/v1/audit/proofs/consistency?from=1&to=${size}`);
      expect(proof.statusCode).toBe(200);
      await registerSubject();
      const after = await checkpointOfWholeLog();
      expect(after.checkpoint.size).toBeGreaterThan(size);
      expect(logs.lines.filter((line) => String(line.msg).startsWith('refused'))).toEqual([]);
    });

    function verifierPublicKey(): Buffer {
      return parseSignerKey(
        readFileSync(join(dataDir, 'keys', 'checkpoint-signing.key'), 'utf8').trim(),
      ).publicKey;
    }
  },
);

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
