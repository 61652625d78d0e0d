import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Command } from 'commander';
import type { LightMyRequestResponse } from 'fastify';
import { CHECKPOINT_SIGNER } from '../../src/audit/audit.tokens';
import type { CheckpointSigner } from '../../src/audit/checkpoints/checkpoint-signer';
import type { BundleEnd, BundleHeader } from '../../src/audit/export/export-bundle';
import { formatVerifierKey, parseSignerKey } from '../../src/audit/note/note-keys';
import { createApp } from '../../src/bootstrap/create-app';
import { registerExportCommand } from '../../src/cli/export.command';
import { runVerify, VERIFY_EXIT } from '../../src/cli/verify.command';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import droneAppPolicy from '../../src/consent/policies/drone-app.policy.json';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import { allRolesKey, bearer, initialAdminKeyFile } from '../support/credentials';

const PROBLEMS = 'https://consent-ledger.dev/problems';
const ORIGIN = 'consent-ledger.local/default';
const MAX_EVENTS = 12;
const DAY = 86_400_000;
const DEVICE_INFO = {
  category: 'device-info',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
};

type Json = Record<string, unknown>;

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * GET /v1/audit/exports and `consent-ledger export` on the service as it runs (embedded
 * stores), with a history recorded through the consent API, checked with the offline
 * verifier and the verifier key derived from the service's key file.
 */
describe('export bundles over HTTP and from the CLI', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let app: NestFastifyApplication | undefined;
  let verifierKey: string;
  let subjectId: string;

  const running = () => {
    if (!app) throw new Error('the app is closed');
    return app;
  };
  let apiKey: string;
  const get = (url: string) => running().inject({ method: 'GET', url, headers: bearer(apiKey) });
  const send = async (method: 'POST' | 'PUT', url: string, body: Json) => {
    const response = await running().inject({
      method,
      url,
      headers: {
        ...bearer(apiKey),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      payload: JSON.stringify(body),
    });
    expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
      status: method === 'POST' ? 201 : 200,
    });
    return response.json<Json>();
  };

  /** Waits for the projections to apply the whole feed, then signs the default log. */
  async function signWholeLog(): Promise<void> {
    const head = await running().get<EventStore>(EVENT_STORE).headPosition();
    expect(await running().get(ProjectorHost).waitForPosition(head, 10_000)).toBe(true);
    await running().get<CheckpointSigner>(CHECKPOINT_SIGNER).sign('default');
  }

  function bundleFile(name: string, body: string): string {
    const path = join(dataDir, name);
    writeFileSync(path, body);
    return path;
  }

  async function verify(path: string): Promise<{ code: number; report: string[] }> {
    const report: string[] = [];
    const code = await runVerify(path, verifierKey, { line: (text) => report.push(text) });
    return { code, report };
  }

  function expectProblem(response: LightMyRequestResponse, status: number, type: string): Json {
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json<Json>();
    expect(body.type).toBe(`${PROBLEMS}/${type}`);
    return body;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cl-export-e2e-'));
    env = {
      DATA_DIR: dataDir,
      INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
      LOG_LEVEL: 'silent',
      SEED_EXAMPLE_POLICY: 'false',
      ALLOW_BACKDATED_IMPORTS: 'true',
      CHECKPOINT_EVERY_EVENTS: '100000',
      CHECKPOINT_EVERY_MS: '86400000',
      READ_YOUR_WRITES_TIMEOUT_MS: '300',
    };
    const config = loadConfig(env);
    const audit = { ...config.audit, exportMaxEvents: MAX_EVENTS };
    const bounded: AppConfig = { ...config, audit };
    app = await createApp(bounded);
    apiKey = await allRolesKey(app, dataDir);
    const signer = parseSignerKey(
      readFileSync(join(dataDir, 'keys', 'checkpoint-signing.key'), 'utf8').trim(),
    );
    verifierKey = formatVerifierKey(ORIGIN, signer.publicKey);

    await send('POST', '/v1/policies', {
      ...structuredClone(droneAppPolicy),
      version: 1,
      effectiveFrom: ago(30),
    });
    const registered = await send('POST', '/v1/subjects', {
      appSubjectId: `app-${randomUUID()}`,
      residency: 'row',
      occurredAt: ago(20),
    });
    subjectId = String(registered.subjectId);
    const subject = `/v1/subjects/${subjectId}`;
    await send('POST', `${subject}/grants`, { ...DEVICE_INFO, occurredAt: ago(10) });
    await send('POST', `${subject}/revocations`, { ...DEVICE_INFO, occurredAt: ago(5) });
    await send('POST', `${subject}/grants`, {
      ...DEVICE_INFO,
      occurredAt: ago(2),
      expiresAt: ago(-3),
    });
    await send('PUT', `${subject}/local-data-mode`, { on: true, occurredAt: ago(1) });
    await signWholeLog();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a subject bundle as JSON Lines that the offline verifier accepts', async () => {
    const response = await get(`/v1/audit/exports?subjectId=${subjectId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.body.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as BundleHeader;
    const windows = await get(`/v1/subjects/${subjectId}/flow-windows`);
    expect(header.flowWindows).toEqual(windows.json<{ combinations: unknown }>().combinations);
    expect(header.flowWindows?.some((c) => c.windows.length > 1)).toBe(true);
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ kind: 'end', eventCount: 6 });

    const { code, report } = await verify(bundleFile('subject.jsonl', response.body));
    expect(report).toEqual([
      expect.stringMatching(
        /^verified: 6 events of subject [0-9a-f-]+ and its tenant's policy against consent-ledger\.local\/default at tree size 8; flow windows of \d+ combinations replayed; 2 of 2 streams chained back to their first event, .*\(events after it are not proven absent yet\)$/,
      ),
    ]);
    expect(code).toBe(VERIFY_EXIT.verified);
  });

  it('answers a time range, and refuses more events than EXPORT_MAX_EVENTS with 413', async () => {
    const range = await get(`/v1/audit/exports?from=${ago(1)}&to=${ago(-1)}`);
    expect(range.statusCode).toBe(200);
    const end = JSON.parse(range.body.trimEnd().split('\n').pop()!) as BundleEnd;
    // The policy, the subject's five events and the two API keys made at start-up.
    expect(end).toEqual({ kind: 'end', eventCount: 8, leafSpan: { first: 0, end: 8 } });
    expect((await verify(bundleFile('range.jsonl', range.body))).code).toBe(VERIFY_EXIT.verified);

    for (let i = 0; i < MAX_EVENTS; i++) {
      await send('POST', '/v1/subjects', { appSubjectId: `app-${randomUUID()}`, residency: 'row' });
    }
    await signWholeLog();
    const tooLarge = expectProblem(
      await get(`/v1/audit/exports?from=${ago(1)}`),
      413,
      'export-too-large',
    );
    expect(tooLarge).toMatchObject({ maxEvents: MAX_EVENTS });
    expect(String(tooLarge.detail)).toContain(`more than ${MAX_EVENTS} events`);
  });

  it('answers 503 with Retry-After until a checkpoint holds the subject’s newest event', async () => {
    await send('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
      on: false,
      occurredAt: ago(0.5),
    });
    const olderSize = JSON.parse(
      (await get(`/v1/audit/checkpoint`)).body.split('\n')[1] ?? '0',
    ) as number;
    const notYet = await get(`/v1/audit/exports?subjectId=${subjectId}`);
    expectProblem(notYet, 503, 'service-unavailable');
    expect(notYet.headers['retry-after']).toBe('60');

    const tooSmall = await get(`/v1/audit/exports?subjectId=${subjectId}&treeSize=${olderSize}`);
    expect(expectProblem(tooSmall, 400, 'tree-size-out-of-range')).toMatchObject({
      field: 'treeSize',
      neededSize: olderSize + 1,
    });
    await signWholeLog();
    const response = await get(`/v1/audit/exports?subjectId=${subjectId}`);
    expect(response.statusCode).toBe(200);
    expect((await verify(bundleFile('later.jsonl', response.body))).code).toBe(
      VERIFY_EXIT.verified,
    );
  });

  it('names the parameter that is wrong, and says what is not there', async () => {
    const invalid: [string, string][] = [
      ['', 'subjectId'],
      [`?subjectId=${subjectId}&from=${ago(1)}`, 'from'],
      ['?subjectId=not-a-uuid', 'subjectId'],
      ['?from=yesterday', 'from'],
      [`?from=${ago(1)}&to=${ago(2)}`, 'from'],
      [`?subjectId=${subjectId}&treeSize=0`, 'treeSize'],
    ];
    for (const [query, field] of invalid) {
      const body = expectProblem(await get(`/v1/audit/exports${query}`), 400, 'validation-error');
      expect(body.errors).toContainEqual(expect.objectContaining({ field }));
    }
    expectProblem(
      await get(`/v1/audit/exports?subjectId=${randomUUID()}`),
      404,
      'subject-not-found',
    );
    expectProblem(
      // Larger than the log ever grows here, so never signed (a small size may have been,
      // by the signer's timer at start-up).
      await get(`/v1/audit/exports?subjectId=${subjectId}&treeSize=1000000`),
      404,
      'checkpoint-not-found',
    );
  });

  it('exports from the configured stores with `consent-ledger export`, no HTTP needed', async () => {
    await running().close();
    app = undefined;
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const messages: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      messages.push(String(chunk));
      return true;
    });
    try {
      const subjectOut = join(dataDir, 'cli-subject.jsonl');
      const rangeOut = join(dataDir, 'cli-range.jsonl');
      const cli = () => {
        const program = new Command().exitOverride();
        registerExportCommand(program);
        return program;
      };
      await cli().parseAsync(['export', '--subject', subjectId, '--out', subjectOut], {
        from: 'user',
      });
      await cli().parseAsync(['export', '--from', ago(1), '--to', ago(-1), '--out', rangeOut], {
        from: 'user',
      });
      await expect(
        cli().parseAsync(['export', '--subject', subjectId, '--from', ago(1), '--out', rangeOut], {
          from: 'user',
        }),
      ).rejects.toThrow('give either --subject <id>, or --from and/or --to');
      expect(messages).toEqual([
        expect.stringMatching(
          new RegExp(
            `^wrote 7 events to ${subjectOut}, proven against ${ORIGIN} at tree size \\d+\\n$`,
          ),
        ),
        expect.stringMatching(/^wrote \d+ events to .*cli-range\.jsonl/),
      ]);
      expect((await verify(subjectOut)).code).toBe(VERIFY_EXIT.verified);
      expect((await verify(rangeOut)).code).toBe(VERIFY_EXIT.verified);
    } finally {
      stderr.mockRestore();
      process.env = saved;
    }
  });
});
