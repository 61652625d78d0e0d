import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { leakForms } from '../../support/leak-forms';
import { APP_PERFORMANCE, LOCATION_CHECK, MAP_LOCATION } from './fixtures';
import {
  expectFieldError,
  expectProblem,
  filesUnder,
  type RegisteredSubject,
  useConsentApi,
} from './harness';

/**
 * Canary test: unique personal values go in through every door that takes them; then every
 * byte the service wrote (its data directory and its log at debug level) is searched for them.
 */
const api = useConsentApi({ LOG_LEVEL: 'debug' });

const tag = randomBytes(6).toString('hex');
const CANARY = {
  appSubjectId: `canary-app-${tag}`,
  email: `canary.${tag}@example.org`,
  phone: `+4179${String(randomInt(10_000_000, 99_999_999))}`,
  latitude: `47.${String(randomInt(1_000_000, 9_999_999))}3`,
  longitude: `8.${String(randomInt(1_000_000, 9_999_999))}7`,
};

const CANARY_FORMS = new Map(
  [...Object.values(CANARY), CANARY.phone.slice(1)].flatMap((value) => [...leakForms(value)]),
);

/** Every (file or source, form) pair in which a canary shows up. */
function hitsIn(sources: ReadonlyMap<string, Buffer>): string[] {
  const hits: string[] = [];
  for (const [source, bytes] of sources) {
    for (const [form, needle] of CANARY_FORMS) {
      if (bytes.includes(needle)) hits.push(`${source}: ${form}`);
    }
  }
  return hits;
}

function dataDirContents(): Map<string, Buffer> {
  return new Map(
    filesUnder(api.dataDir).map((path) => [relative(api.dataDir, path), readFileSync(path)]),
  );
}

describe('personal data never leaves the service in plaintext', () => {
  let subject: RegisteredSubject;
  const answers: string[] = [];

  beforeAll(async () => {
    subject = await api.registerSubject({
      appSubjectId: CANARY.appSubjectId,
      email: CANARY.email,
      phone: CANARY.phone,
    });
    const location = { latitude: Number(CANARY.latitude), longitude: Number(CANARY.longitude) };
    expect(String(location.latitude)).toBe(CANARY.latitude);

    const lookup = await api.post('/v1/subjects/lookup', { appSubjectId: CANARY.appSubjectId });
    expect(lookup.json()).toEqual({ subjectId: subject.subjectId });
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    const sync = (syncId: string, combination: typeof MAP_LOCATION) =>
      api.post(`${subject.path}/syncs`, {
        syncId,
        ...combination,
        precision: 'approximate',
        userInitiated: false,
        location,
      });
    expect((await sync('map-1', MAP_LOCATION)).json()).toMatchObject({ outcome: 'recorded' });
    expect((await sync('check-1', LOCATION_CHECK)).json()).toMatchObject({ outcome: 'recorded' });
    expect((await sync('perf-1', APP_PERFORMANCE)).json()).toMatchObject({
      outcome: 'refused',
      reasons: ['precision'],
    });

    // Refused requests carrying personal data must not echo or record it either.
    const duplicate = await api.post('/v1/subjects', {
      appSubjectId: CANARY.appSubjectId,
      residency: 'row',
      email: CANARY.email,
    });
    answers.push(
      expectProblem(duplicate, 409, 'subject-already-registered').detail,
      duplicate.body,
    );
    const badEmail = await api.post('/v1/subjects', {
      appSubjectId: `${CANARY.appSubjectId}-2`,
      residency: 'row',
      email: `${CANARY.email}@@`,
      phone: `${CANARY.phone}-1`,
    });
    expectFieldError(badEmail, 'email');
    answers.push(badEmail.body);

    const view = await api.get(subject.path);
    expect(view.json()).toMatchObject({
      appSubjectId: CANARY.appSubjectId,
      email: CANARY.email,
      phone: CANARY.phone,
    });
  });

  it('the answers to refused requests do not echo the values sent', () => {
    expect(hitsIn(new Map(answers.map((text, i) => [`answer ${i}`, Buffer.from(text)])))).toEqual(
      [],
    );
  });

  it('events hold the personal fields only as sealed ciphertext', async () => {
    const events = await api.subjectEvents(subject.subjectId);
    const registered = events.find((e) => e.type === 'subject-registered')!;
    const sealed = /^v1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;
    for (const field of ['appSubjectId', 'email', 'phone']) {
      expect(registered.data[field]).toMatch(sealed);
    }
    const syncs = events.filter((e) => e.type === 'sync-recorded' || e.type === 'sync-refused');
    expect(syncs).toHaveLength(3);
    for (const event of syncs) expect(event.data.location).toMatch(sealed);
    const json = Buffer.from(
      JSON.stringify(await api.allEvents(), (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ),
    );
    expect(hitsIn(new Map([['events', json]]))).toEqual([]);
  });

  it('no stream name holds a canary, and the subject stream is named by the pseudonym', async () => {
    const names = [...new Set((await api.allEvents()).map((e) => e.streamName))];
    expect(names).toContain(`subject-default-${subject.subjectId}`);
    expect(hitsIn(new Map(names.map((name) => [`stream ${name}`, Buffer.from(name)])))).toEqual([]);
  });

  it('no file in the data directory holds a canary while the service runs', () => {
    const files = dataDirContents();
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['events.sqlite', 'read.sqlite', 'keys.sqlite']),
    );
    expect([...files.keys()].filter((name) => name.endsWith('-wal')).length).toBeGreaterThan(0);
    expect(hitsIn(files)).toEqual([]);
  });

  it('the debug log was written and holds no canary', () => {
    expect(api.logs.raw.length).toBeGreaterThan(10);
    expect(api.logs.text).toContain('request completed');
    expect(hitsIn(new Map([['log', Buffer.from(api.logs.text)]]))).toEqual([]);
  });

  it('no file holds a canary after the service has shut down and checkpointed', async () => {
    await api.close();
    expect(hitsIn(dataDirContents())).toEqual([]);
    expect(hitsIn(new Map([['log', Buffer.from(api.logs.text)]]))).toEqual([]);
  });

  it('the canary search itself finds what it looks for', () => {
    const planted = new Map([
      ['plain', Buffer.from(`x${CANARY.email}y`)],
      ['hashed', createHash('sha256').update(CANARY.phone).digest()],
      ['encoded', Buffer.from(Buffer.from(CANARY.appSubjectId).toString('base64url'))],
      ['pseudonym', Buffer.from(randomUUID())],
    ]);
    expect(new Set(hitsIn(planted).map((hit) => hit.split(':')[0]))).toEqual(
      new Set(['plain', 'hashed', 'encoded']),
    );
  });
});
