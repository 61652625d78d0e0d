import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { ErasureModule } from '../../src/erasure/erasure.module';
import { ERASURE_SHREDDER } from '../../src/erasure/shredding/erasure-shredder.projection';
import { createEventStore } from '../../src/event-store/create-event-store';
import { openKeys } from '../../src/keys/open-keys';
import { ProjectorHost } from '../../src/projections/projector-host';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import type { EventStore } from '../../src/event-store/event-store.port';
import { allRolesKey, bearer } from '../support/credentials';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'register-ts.js');
const CHILD = join(__dirname, 'fixtures', 'erasure-child.ts');
const APP_SUBJECT_ID = 'app-crash-subject';

interface Killed {
  readonly subjectId: string;
  readonly erasureId: string;
}

/**
 * Runs the child until its shredder is about to destroy the key (the completion is in the
 * log, the shredding has not run), then kills it with SIGKILL.
 */
function runAndKillBeforeShredding(dataDir: string): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, APP_SUBJECT_ID },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let ids: Killed | undefined;
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const report = JSON.parse(line) as { step: string; subjectId: string; erasureId: string };
      if (report.step === 'completing') ids = report;
      if (report.step === 'shredding') {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && killed && ids) resolve(ids);
      else reject(new Error(`erasure child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe('shredding survives a crash between completion and shredding', () => {
  let dataDir: string;
  let config: AppConfig;
  let app: NestFastifyApplication | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-erasure-crash-'));
    config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the shredding after a restart', async () => {
    const { subjectId, erasureId } = await runAndKillBeforeShredding(dataDir);

    // The moment of the kill: the completion is recorded, the key and lookup are still there.
    const events = await createEventStore({
      url: config.eventStore.url,
      maxEventBytes: config.maxEventBytes,
    });
    const stream = await events
      .readStream(`subject-default-${subjectId}`)
      .finally(() => events.close());
    expect(stream.map((e) => e.type).slice(-1)).toEqual(['erasure-completed']);
    const keys = await openKeys(config.keys);
    try {
      expect(await keys.subjectKeys.get('default', subjectId)).not.toBe('destroyed');
      expect(await keys.subjectLookup.find('default', APP_SUBJECT_ID)).toBe(subjectId);
    } finally {
      await keys.close();
    }

    app = await createApp(config, { extraImports: [ErasureModule] });
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await app.get(ProjectorHost).waitForPosition(head, 20_000, [ERASURE_SHREDDER])).toBe(
      true,
    );

    const credentials = bearer(await allRolesKey(app, dataDir));
    const subject = await app.inject({
      method: 'GET',
      url: `/v1/subjects/${subjectId}`,
      headers: credentials,
    });
    expect(subject.json()).toMatchObject({
      appSubjectId: null,
      email: null,
      personalDataAvailable: false,
    });
    const erasure = await app.inject({
      method: 'GET',
      url: `/v1/subjects/${subjectId}/erasure-requests/${erasureId}`,
      headers: credentials,
    });
    expect(erasure.json()).toMatchObject({ state: 'completed', shredding: 'done' });
    const lookup = await app.inject({
      method: 'POST',
      url: '/v1/subjects/lookup',
      headers: { ...credentials, 'content-type': 'application/json' },
      payload: JSON.stringify({ appSubjectId: APP_SUBJECT_ID }),
    });
    expect(lookup.statusCode).toBe(404);
  }, 120_000);
});
