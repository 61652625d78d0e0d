/**
 * `npm run demo`: starts the service on the embedded store in a fresh temporary data
 * directory, on a loopback port, and walks through a pilot's consent story over HTTP,
 * printing every request and response. Then it shuts the service down and exits.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bootstrap/create-app';
import { loadConfig } from '../config/load-config';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

interface Step {
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly body?: unknown;
  /** Large answers are summarised after the call instead of printed whole. */
  readonly summarised?: boolean;
}

async function call(base: string, step: Step): Promise<Record<string, unknown>> {
  console.log(`\n${bold(`## ${step.title}`)}`);
  console.log(`> ${step.method} ${step.path}`);
  if (step.body !== undefined) console.log(indent(JSON.stringify(step.body, null, 2), '> '));
  const response = await fetch(`${base}${step.path}`, {
    method: step.method,
    headers: {
      'content-type': 'application/json',
      ...(step.method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
    },
    ...(step.body !== undefined ? { body: JSON.stringify(step.body) } : {}),
  });
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
  });
  const app = await createApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  console.log(bold(`consent-ledger demo — service on ${base}, embedded store in ${dataDir}`));
  try {
    await story(base);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function story(base: string): Promise<void> {
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
  await call(base, {
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
