import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { keyedDigest } from '../../src/keys/keyed-digest';
import { LOOKUP_SECRET, SUBJECT_KEYS } from '../../src/keys/keys.tokens';
import type { SubjectKeyStore } from '../../src/keys/subject-keys/subject-key-store.port';
import { LOCATION_CHECK, MAP_LOCATION } from '../e2e/consent/fixtures';
import { filesUnder, type RegisteredSubject } from '../e2e/consent/harness';
import { CanarySearch, makeCanaries } from './support/canaries';
import { type ErasureReceipt, TENANT, useErasureApi } from './support/erasure-api';

/**
 * Canary test of erasure: unique personal values go in through every door that takes them
 * (app id, e-mail, phone, a sync's location, the workflow's free-text reasons); after the
 * account erasure is completed and shredded, every byte the service keeps — the data
 * directory after a clean shutdown (event store, read store, key store and keys directory,
 * with their WALs), the debug log, /metrics, every answer, an export bundle and the erasure
 * certificate — is searched for them, for the subject's wrapped data key and lookup digest,
 * and for the sealed ciphertext its events held: redaction (ADR 0017) replaced it by its digest.
 */
const api = useErasureApi({ LOG_LEVEL: 'debug', CHECKPOINT_EVERY_MS: '50' });
const CANARY = makeCanaries();
const CANARY_VALUES = [...Object.values(CANARY), CANARY.phone.slice(1)];

function dataDirContents(): Map<string, Buffer> {
  return new Map(
    filesUnder(api.dataDir).map((path) => [relative(api.dataDir, path), readFileSync(path)]),
  );
}

/** The subject's wrapped data key as stored, read straight from the key store's file. */
function wrappedKeyOf(subjectId: string): Buffer {
  const db = new DatabaseSync(join(api.dataDir, 'keys.sqlite'), { readOnly: true });
  try {
    const row = db
      .prepare('SELECT wrapped FROM subject_keys WHERE tenant_id = ? AND subject_id = ?')
      .get(TENANT, subjectId) as { wrapped: Uint8Array | null } | undefined;
    if (!row?.wrapped) throw new Error('the subject has no live wrapped key');
    return Buffer.from(row.wrapped);
  } finally {
    db.close();
  }
}

describe('after an account erasure, no personal data of the subject can be found', () => {
  let subject: RegisteredSubject;
  let request: ErasureReceipt;
  let secrets: CanarySearch;
  const answers = new Map<string, Buffer>();
  const keep = (label: string, body: string) => answers.set(label, Buffer.from(body));

  beforeAll(async () => {
    subject = await api.registerSubject({
      appSubjectId: CANARY.appSubjectId,
      email: CANARY.email,
      phone: CANARY.phone,
    });
    const location = { latitude: Number(CANARY.latitude), longitude: Number(CANARY.longitude) };
    expect(String(location.latitude)).toBe(CANARY.latitude);
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    await api.sync(
      subject.path,
      { ...MAP_LOCATION, precision: 'approximate', location },
      'recorded',
    );
    await api.sync(
      subject.path,
      { ...LOCATION_CHECK, precision: 'approximate', location },
      'recorded',
    );
    expect((await api.get(subject.path)).json()).toMatchObject({ email: CANARY.email });

    request = await api.requestErasure(subject.path, { scope: 'account' });
    const path = `${subject.path}/erasure-requests/${request.erasureId}`;
    const extension = await api.post(`${path}/extension`, {
      subjectToldAt: new Date().toISOString(),
      reason: CANARY.extensionReason,
    });
    expect(extension.statusCode).toBe(201);
    const before = await api.erasure(subject.path, request.erasureId, request.consistencyToken);
    expect(before.extension?.reason).toBe(CANARY.extensionReason);

    // What shredding must remove from the key store: the wrapped key and the lookup digest.
    const digest = keyedDigest(api.app.get<Buffer>(LOOKUP_SECRET), TENANT, CANARY.appSubjectId);
    const ciphertexts = (await api.subjectEvents(subject.subjectId)).flatMap(
      (e) => JSON.stringify(e.data).match(/v1\.[A-Za-z0-9_.-]{40,}/g) ?? [],
    );
    // The app id, e-mail, phone, two locations and the extension reason.
    expect(ciphertexts).toHaveLength(6);
    const shredded = new Map([
      ['wrapped data key', wrappedKeyOf(subject.subjectId)],
      ['lookup digest', digest],
      ...ciphertexts.map((token, i): [string, Buffer] => [`ciphertext ${i}`, Buffer.from(token)]),
    ]);
    secrets = new CanarySearch(CANARY_VALUES, shredded);
    const keyFiles = new Map([...dataDirContents()].filter(([name]) => name.startsWith('keys.')));
    expect(secrets.hitsIn(keyFiles).length).toBeGreaterThan(0);
    const eventFiles = new Map(
      [...dataDirContents()].filter(([name]) => name.startsWith('events.')),
    );
    expect(secrets.hitsIn(eventFiles).filter((hit) => hit.includes('ciphertext'))).not.toEqual([]);

    expect(
      (await api.post(`${path}/confirmations`, { recipient: 'first-party-row' })).statusCode,
    ).toBe(201);
    const completion = await api.post(`${path}/completion`, {
      override: { reason: CANARY.overrideReason },
    });
    expect(completion.json()).toMatchObject({ shredding: 'done' });
    const token = completion.json<ErasureReceipt>().consistencyToken;

    keep('subject', (await api.get(subject.path)).body);
    keep('erasure', (await api.get(`${path}?consistencyToken=${token}`)).body);
    keep('list', (await api.get(`/v1/erasures?consistencyToken=${token}`)).body);
    keep('permissions', (await api.get(`${subject.path}/permissions`)).body);
    keep(
      'flow windows',
      (await api.get(`${subject.path}/flow-windows?consistencyToken=${token}`)).body,
    );
    keep(
      'check',
      (await api.post('/v1/checks', { subjectId: subject.subjectId, ...MAP_LOCATION })).body,
    );
    keep(
      'lookup',
      (await api.post('/v1/subjects/lookup', { appSubjectId: CANARY.appSubjectId })).body,
    );
    keep('metrics', (await api.get('/metrics')).body);
    const bundle = await api.get(`/v1/audit/exports?subjectId=${subject.subjectId}`);
    expect(bundle.statusCode).toBe(200);
    keep('export bundle', bundle.body);
    const certificate = await api.get(`${path}/certificate`);
    expect(certificate.statusCode).toBe(200);
    keep('certificate', certificate.body);
  });

  it('answers show every personal field as erased', () => {
    expect(JSON.parse(answers.get('subject')!.toString())).toMatchObject({
      appSubjectId: null,
      email: null,
      phone: null,
      personalDataAvailable: false,
    });
    expect(JSON.parse(answers.get('erasure')!.toString())).toMatchObject({
      extension: { reason: null },
      completion: { completion: 'override', overrideReason: null },
      shredding: 'done',
    });
    expect(JSON.parse(answers.get('lookup')!.toString())).toMatchObject({ status: 404 });
  });

  it('no answer and no metric holds a canary', () => {
    expect(answers.size).toBe(10);
    expect(secrets.hitsIn(answers)).toEqual([]);
  });

  it('the data key is destroyed, and the events hold digests where the ciphertext was', async () => {
    const keys = api.app.get<SubjectKeyStore>(SUBJECT_KEYS);
    expect(await keys.get(TENANT, subject.subjectId)).toBe('destroyed');
    const registered = (await api.subjectEvents(subject.subjectId))[0]!;
    expect(registered.data.email).toEqual({
      sealedDigest: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
  });

  it('no file in the data directory and no log line holds a canary, the key or the digest after shutdown', async () => {
    await api.close();
    const files = dataDirContents();
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['events.sqlite', 'read.sqlite', 'keys.sqlite']),
    );
    // The key store: its database and the keys directory (KEKs, lookup secret, signing key).
    const keyStoreFiles = [...files.keys()].filter((name) => /^keys(\.sqlite|\/)/.test(name));
    expect(keyStoreFiles).toEqual(
      expect.arrayContaining(['keys.sqlite', expect.stringMatching(/^keys\/kek-/) as unknown]),
    );
    expect(secrets.hitsIn(files)).toEqual([]);
    expect(api.logs.raw.length).toBeGreaterThan(10);
    expect(secrets.hitsIn(new Map([['log', Buffer.from(api.logs.text)]]))).toEqual([]);
  });
});
