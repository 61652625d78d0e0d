import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import droneAppPolicy from '../../src/consent/policies/drone-app.policy.json';
import { bearer, initialAdminKeyFile } from '../support/credentials';

const ROOT = join(__dirname, '..', '..');
const REGISTER_TS = join(ROOT, 'test', 'support', 'register-ts.js');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

let dataDir: string;

function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['-r', REGISTER_TS, CLI, 'api-keys', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      INITIAL_ADMIN_KEY_FILE: initialAdminKeyFile(dataDir),
    },
    timeout: 60_000,
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-api-keys-cli-'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('onboards a new tenant with a key printed once, lists it, and revokes it', async () => {
  const { stdout } = await cli('create', '--tenant', 'acme', '--role', 'tenant-admin', 'app');
  const apiKey = stdout.trim();
  expect(apiKey).toMatch(/^clk_acme_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  const keyId = apiKey.split('_')[2]!;

  const app = await createApp(
    loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, SEED_EXAMPLE_POLICY: 'false' }),
  );
  try {
    const publish = await app.inject({
      method: 'POST',
      url: '/v1/policies',
      headers: {
        ...bearer(apiKey),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      payload: JSON.stringify(droneAppPolicy),
    });
    expect(publish.statusCode).toBe(201);

    const listed = await cli('list', '--tenant', 'acme');
    expect(listed.stdout).toContain(
      `clk_acme_${keyId}  operator-issued  app,tenant-admin  expires never`,
    );
    expect(listed.stdout).not.toContain(apiKey.slice(-43));

    const app2 = (
      await cli('create', '--tenant', 'acme', '--role', 'app', '--name', 'uploader')
    ).stdout.trim();
    const appKeyId = app2.split('_')[2]!;
    await expect(cli('revoke', '--tenant', 'acme', '--key-id', keyId)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("the tenant's last active tenant-admin key") as unknown,
    });
    await cli('revoke', '--tenant', 'acme', '--key-id', appKeyId);
    // The running service re-reads the registry once its short cache expires.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await app.inject({ method: 'GET', url: '/v1/policies', headers: bearer(app2) });
    expect(after.statusCode).toBe(401);
    const admin = await app.inject({ method: 'GET', url: '/v1/policies', headers: bearer(apiKey) });
    expect(admin.statusCode).toBe(200);
  } finally {
    await app.close();
  }
}, 120_000);

it('refuses an unknown role with exit code 2 and a one-line reason', async () => {
  await expect(cli('create', '--tenant', 'acme', '--role', 'root')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining(
      'a role is one of: tenant-admin, app, auditor, privacy-officer',
    ) as unknown,
  });
}, 60_000);
