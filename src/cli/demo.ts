/**
 * `npm run demo`: starts the service on the embedded store in a fresh temporary data
 * directory, on a loopback port, and walks through a pilot's consent story over HTTP,
 * printing every request and response, up to an erasure carried to completion and its
 * signed certificate, verified offline. Then it shuts the service down and exits.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_SIGNING_KEY, type CheckpointSigningKey, logOrigin } from '../audit';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config';
import { runVerifyCertificate } from './verify-certificate.command';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

interface Step {
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly body?: unknown;
  /** Large answers are summarised after the call instead of printed whole. */
  readonly summarised?: boolean;
}

/**
 * The demo's credentials: the tenant-admin key the service made on first start, and the key
 * that admin creates for the app's back end. Administration (keys) goes with the first.
 */
const credentials = { admin: '', backend: '' };

/** Every HTTP request of the demo goes through here: one place for headers such as credentials. */
function request(
  base: string,
  method: Step['method'],
  path: string,
  body?: unknown,
): Promise<Response> {
  const key = path.startsWith('/v1/api-keys') ? credentials.admin : credentials.backend;
  return fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key === '' ? {} : { authorization: `Bearer ${key}` }),
      ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function call(base: string, step: Step): Promise<Record<string, unknown>> {
  console.log(`\n${bold(`## ${step.title}`)}`);
  console.log(`> ${step.method} ${step.path}`);
  if (step.body !== undefined) console.log(indent(JSON.stringify(step.body, null, 2), '> '));
  const response = await request(base, step.method, step.path, step.body);
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  console.log(`< ${response.status} ${response.statusText}`);
  if (step.summarised) console.log(`< (${text.length} bytes of JSON, summarised below)`);
  else console.log(indent(JSON.stringify(json, null, 2), '< '));
  return json;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** The default-permissions table, shortened to what a pilot sees. */
function summarisePermissions(view: Record<string, unknown>): void {
  const rows = (view.permissions as Record<string, unknown>[]).filter(
    (p) => !String(p.recipient).endsWith('-cn'),
  );
  console.log(
    bold(
      '\n   category              recipient          purpose              permitted  basis / reasons',
    ),
  );
  for (const p of rows) {
    const why = p.permitted ? String(p.basis) : (p.reasons as string[]).join(', ');
    console.log(
      `   ${String(p.category).padEnd(21)} ${String(p.recipient).padEnd(18)} ${String(p.purpose).padEnd(20)} ${String(p.permitted).padEnd(10)} ${why}`,
    );
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-demo-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
    // Checkpoints often, so the erasure certificate is ready at once.
    CHECKPOINT_EVERY_MS: '200',
  });
  const app = await createApp(config);
  credentials.admin = readFileSync(join(dataDir, 'initial-admin.key'), 'utf8').trim();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  console.log(bold(`consent-ledger demo — service on ${base}, embedded store in ${dataDir}`));
  const origin = logOrigin(config.audit.originHost, config.consent.defaultTenant);
  const verifierKey = app.get<CheckpointSigningKey>(CHECKPOINT_SIGNING_KEY).verifierKeyFor(origin);
  try {
    await story(base, { dataDir, verifierKey });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function story(
  base: string,
  audit: { readonly dataDir: string; readonly verifierKey: string },
): Promise<void> {
  await call(base, {
    title: 'Without an API key, nothing but /health, /ready and /metrics answers',
    method: 'GET',
    path: '/v1/policies/current',
  });
  const backend = await call(base, {
    title:
      'The first tenant-admin key (written to INITIAL_ADMIN_KEY_FILE on first start) creates a key for the app back end; its secret is shown this once',
    method: 'POST',
    path: '/v1/api-keys',
    body: { name: 'drone-app-backend', roles: ['app', 'auditor', 'privacy-officer'] },
  });
  credentials.backend = String(backend.apiKey);
  await call(base, {
    title: 'The policy in force (the example drone-app policy)',
    method: 'GET',
    path: '/v1/policies/current',
    summarised: true,
  }).then((v) =>
    console.log(
      `   version ${String(v.version)}, categories: ${(v.policy as { categories: { key: string }[] }).categories.map((c) => c.key).join(', ')}`,
    ),
  );
  const registered = await call(base, {
    title: 'Register a pilot (app id, e-mail and phone are stored only encrypted)',
    method: 'POST',
    path: '/v1/subjects',
    body: {
      appSubjectId: 'pilot-4711',
      email: 'ada@example.com',
      phone: '+41441234567',
      residency: 'row',
    },
  });
  const subject = `/v1/subjects/${String(registered.subjectId)}`;
  const defaults = await call(base, {
    title: 'Default permissions',
    method: 'GET',
    path: `${subject}/permissions`,
    summarised: true,
  });
  summarisePermissions(defaults);
  await call(base, {
    title: 'Grant approximate location to the third-party map provider',
    method: 'POST',
    path: `${subject}/grants`,
    body: {
      category: 'approximate-location',
      recipient: 'map-provider-row',
      purpose: 'map-display',
    },
  });
  await call(base, {
    title: 'The pilot presses Sync: a flight log goes to the cloud (a one-off consent)',
    method: 'POST',
    path: `${subject}/syncs`,
    body: {
      syncId: 'sync-1',
      category: 'flight-logs',
      recipient: 'first-party-row',
      purpose: 'cloud-backup',
      precision: 'precise',
      userInitiated: true,
      recordIds: ['flight-2026-11-22-001'],
      sizeBytes: 482133,
    },
  });
  await call(base, {
    title: 'Switch Local Data Mode on',
    method: 'PUT',
    path: `${subject}/local-data-mode`,
    body: { on: true },
  });
  await call(base, {
    title: 'A sync during Local Data Mode is refused — and the refusal is recorded',
    method: 'POST',
    path: `${subject}/syncs`,
    body: {
      syncId: 'sync-2',
      category: 'approximate-location',
      recipient: 'map-provider-row',
      purpose: 'map-display',
      precision: 'approximate',
      userInitiated: false,
      location: { latitude: 47.4, longitude: 8.5 },
    },
  });
  await call(base, {
    title: 'Switch Local Data Mode off',
    method: 'PUT',
    path: `${subject}/local-data-mode`,
    body: { on: false },
  });
  await call(base, {
    title: 'Revoke the map-provider grant',
    method: 'POST',
    path: `${subject}/revocations`,
    body: {
      category: 'approximate-location',
      recipient: 'map-provider-row',
      purpose: 'map-display',
    },
  });
  await call(base, {
    title: 'Revoking a mandatory category is refused with a reason',
    method: 'POST',
    path: `${subject}/revocations`,
    body: { category: 'location-check', recipient: 'first-party-row', purpose: 'geofencing' },
  });
  const erasure = await call(base, {
    title: 'Request erasure of the whole account (GDPR Art. 17)',
    method: 'POST',
    path: `${subject}/erasure-requests`,
    body: { scope: 'account' },
  });
  const after = await call(base, {
    title: 'Permissions after the erasure request',
    method: 'GET',
    path: `${subject}/permissions`,
    summarised: true,
  });
  summarisePermissions(after);
  await eraseToCompletion(base, subject, erasure, audit);
}

/** The erasure carried to its end: the processor confirms, completion shreds, a certificate. */
async function eraseToCompletion(
  base: string,
  subject: string,
  erasure: Record<string, unknown>,
  audit: { readonly dataDir: string; readonly verifierKey: string },
): Promise<void> {
  const path = `${subject}/erasure-requests/${String(erasure.erasureId)}`;
  await call(base, {
    title: 'The request: deadline one month away, the processor that got data is notified',
    method: 'GET',
    path: `${path}?consistencyToken=${String(erasure.consistencyToken)}`,
  });
  await call(base, {
    title: 'The processor confirms it erased the data',
    method: 'POST',
    path: `${path}/confirmations`,
    body: { recipient: 'first-party-row' },
  });
  await call(base, {
    title: 'Complete the erasure: the data key is destroyed and the ciphertext redacted',
    method: 'POST',
    path: `${path}/completion`,
    body: {},
  });
  await call(base, {
    title: 'The pilot afterwards: every personal field erased, the consent history kept',
    method: 'GET',
    path: subject,
  });
  console.log(`\n${bold('## The signed erasure certificate')}`);
  console.log(`> GET ${path}/certificate`);
  const certificate = await certificateOf(base, `${path}/certificate`);
  console.log(indent(certificate.trimEnd(), '< '));
  console.log(`\n${bold('## Verified offline with the log’s verifier key')}`);
  console.log(`$ consent-ledger verify-certificate certificate.txt --key ${audit.verifierKey}`);
  const file = join(audit.dataDir, 'certificate.txt');
  writeFileSync(file, certificate);
  const exitCode = runVerifyCertificate(file, audit.verifierKey, (line) => console.log(line));
  if (exitCode !== 0) throw new Error(`the certificate did not verify (exit code ${exitCode})`);
}

/** The certificate, asking again (a few times, as Retry-After says) until a checkpoint covers it. */
async function certificateOf(base: string, path: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const response = await request(base, 'GET', path);
    const text = await response.text();
    if (response.ok) return text;
    if (response.status !== 503 || attempt >= 10) {
      throw new Error(`GET ${path} answered ${response.status}: ${text}`);
    }
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 5) * 1000));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
