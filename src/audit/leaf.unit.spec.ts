import { createHash } from 'node:crypto';
import type { JsonValue, RecordedEvent } from '../event-store/event-store.port';
import { leafEnvelope, leafHashOf, leafInput, UnexpectedPersonalFieldError } from './leaf';

const TOKEN_EMAIL = 'v1.AAAAAAAAAAA.aXZpdml2aXZpdml2.Y2lwaGVydGV4dC1hbmQtdGFnLXRhZy10YWc';
const TOKEN_ID = 'v1.AAAAAAAAAAA.aXZpdml2aXZpdml2.YW5vdGhlci1jaXBoZXJ0ZXh0LXRhZy10YWc';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function event(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    type: 'subject-registered',
    streamName: 'subject-acme-7d1c3a5e-0000-4000-8000-000000000001',
    streamRevision: 0,
    globalPosition: 18446744073709551615n,
    recordedAt: new Date('2026-06-11T08:30:00.123Z'),
    data: {
      type: 'subject-registered',
      schemaVersion: 1,
      tenantId: 'acme',
      subjectId: '7d1c3a5e-0000-4000-8000-000000000001',
      occurredAt: '2026-06-11T08:30:00.000Z',
      residency: 'eu',
      appSubjectId: TOKEN_ID,
      email: TOKEN_EMAIL,
    },
    metadata: { tenantId: 'acme' },
    ...overrides,
  };
}

describe('leaf envelope', () => {
  it('is the canonical JSON of the recorded event with sealed fields as digests', () => {
    expect(leafInput(event()).toString('utf8')).toBe(
      '{"data":{"appSubjectId":{"sealedDigest":"' +
        sha256Hex(TOKEN_ID) +
        '"},"email":{"sealedDigest":"' +
        sha256Hex(TOKEN_EMAIL) +
        '"},"occurredAt":"2026-06-11T08:30:00.000Z","residency":"eu","schemaVersion":1,' +
        '"subjectId":"7d1c3a5e-0000-4000-8000-000000000001","tenantId":"acme",' +
        '"type":"subject-registered"},' +
        '"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","metadata":{"tenantId":"acme"},' +
        '"position":"18446744073709551615","recordedAt":"2026-06-11T08:30:00.123Z",' +
        '"streamName":"subject-acme-7d1c3a5e-0000-4000-8000-000000000001","streamRevision":0,' +
        '"type":"subject-registered"}',
    );
  });

  it('never contains a sealed token', () => {
    const input = leafInput(event()).toString('utf8');
    expect(input).not.toContain(TOKEN_EMAIL);
    expect(input).not.toContain(TOKEN_ID);
  });

  it('is unchanged when the ciphertext is redacted to its digest', () => {
    const redacted = event({
      data: {
        ...event().data,
        appSubjectId: { sealedDigest: sha256Hex(TOKEN_ID) },
        email: { sealedDigest: sha256Hex(TOKEN_EMAIL) },
      },
    });
    expect(leafHashOf(redacted)).toEqual(leafHashOf(event()));
  });

  it('leaves absent optional personal fields absent and other types untouched', () => {
    const { email: _email, ...withoutEmail } = event().data;
    expect(leafEnvelope(event({ data: withoutEmail })).data).not.toHaveProperty('email');
    const granted = event({ type: 'consent-granted', data: { email: 'not personal here' } });
    expect(leafEnvelope(granted).data).toEqual({ email: 'not personal here' });
    const inherited = event({ type: 'constructor', data: { x: 1 } });
    expect(leafEnvelope(inherited).data).toEqual({ x: 1 });
  });

  it('digests the location of syncs', () => {
    const sync = event({ type: 'sync-refused', data: { location: TOKEN_EMAIL, reasons: [] } });
    expect(leafEnvelope(sync).data.location).toEqual({ sealedDigest: sha256Hex(TOKEN_EMAIL) });
  });

  it.each<JsonValue>([
    null,
    42,
    { sealedDigest: 'ABC' },
    { sealedDigest: sha256Hex('x'), extra: 1 },
  ])('refuses a personal field holding %j, without echoing it', (value) => {
    const bad = event({ data: { ...event().data, email: value } });
    expect(() => leafInput(bad)).toThrow(UnexpectedPersonalFieldError);
    expect(() => leafInput(bad)).toThrow('subject-registered.email is a personal field');
  });

  it('changes with every part of the envelope', () => {
    const base = leafHashOf(event());
    const variants: Partial<RecordedEvent>[] = [
      { id: '0f8fad5b-d9cb-469f-a165-70867728950f' },
      { streamName: 'subject-acme-other' },
      { streamRevision: 1 },
      { globalPosition: 7n },
      { recordedAt: new Date('2026-06-11T08:30:00.124Z') },
      { metadata: { tenantId: 'acme', requestId: 'r' } },
      { data: { ...event().data, residency: 'us' } },
      { type: 'subject-registered-v2' },
    ];
    for (const variant of variants) expect(leafHashOf(event(variant))).not.toEqual(base);
  });
});

/**
 * Golden vectors of the chained leaf (docs/adr/0041). How they were made: the inputs are
 * written out by hand from the ADR (RFC 8785 sorts the keys: `leafFormat` after `eventId`,
 * `previousInStream` after `position`), and the hashes computed outside this code base with
 * Python's hashlib: `sha256(b'\x00' + input.encode()).hexdigest()`; the previous leaf hash
 * is `sha256('previous leaf')`. The format-1 hash of the same event is pinned too, so a
 * change of either format shows.
 */
describe('chained leaf (format 2)', () => {
  const PREVIOUS = 'cbe5d9fd5b8be840b7537442619285c83c81798c52876feb7bdf3a9fab3896e5';
  const DATA =
    '{"appSubjectId":{"sealedDigest":"' +
    sha256Hex(TOKEN_ID) +
    '"},"email":{"sealedDigest":"' +
    sha256Hex(TOKEN_EMAIL) +
    '"},"occurredAt":"2026-06-11T08:30:00.000Z","residency":"eu","schemaVersion":1,' +
    '"subjectId":"7d1c3a5e-0000-4000-8000-000000000001","tenantId":"acme",' +
    '"type":"subject-registered"}';
  const input = (previous: string) =>
    `{"data":${DATA},"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","leafFormat":2,` +
    '"metadata":{"tenantId":"acme"},"position":"18446744073709551615",' +
    `"previousInStream":${previous},"recordedAt":"2026-06-11T08:30:00.123Z",` +
    '"streamName":"subject-acme-7d1c3a5e-0000-4000-8000-000000000001","streamRevision":0,' +
    '"type":"subject-registered"}';

  it('commits to the first-of-its-stream marker', () => {
    expect(leafInput(event(), 'first').toString('utf8')).toBe(input('"first"'));
    expect(leafHashOf(event(), 'first').toString('hex')).toBe(
      'e6b916aa1b39f6da057e61a9e2d1dc6df5d9223f58f21cd60d969f51be14da34',
    );
  });

  it('commits to the previous leaf of the stream, its index and hash', () => {
    const link = { leafIndex: 41, leafHash: PREVIOUS };
    expect(leafInput(event(), link).toString('utf8')).toBe(
      input(`{"leafHash":"${PREVIOUS}","leafIndex":41}`),
    );
    expect(leafHashOf(event(), link).toString('hex')).toBe(
      'c936c8b9045102c09cd8f85737550e6a162cd05e75c6859979a55b39c14af405',
    );
  });

  it('leaves format 1 exactly as it was', () => {
    expect(leafHashOf(event()).toString('hex')).toBe(
      '74b35a1848ae82f251c8298142656d78593618513b50f548c0467f87a8c56953',
    );
  });

  it('changes with the link, and survives redaction like format 1', () => {
    const base = leafHashOf(event(), { leafIndex: 41, leafHash: PREVIOUS });
    expect(leafHashOf(event(), { leafIndex: 40, leafHash: PREVIOUS })).not.toEqual(base);
    expect(leafHashOf(event(), { leafIndex: 41, leafHash: sha256Hex('x') })).not.toEqual(base);
    expect(leafHashOf(event(), 'first')).not.toEqual(base);
    expect(leafHashOf(event())).not.toEqual(leafHashOf(event(), 'first'));
    const redacted = event({
      data: {
        ...event().data,
        appSubjectId: { sealedDigest: sha256Hex(TOKEN_ID) },
        email: { sealedDigest: sha256Hex(TOKEN_EMAIL) },
      },
    });
    expect(leafHashOf(redacted, { leafIndex: 41, leafHash: PREVIOUS })).toEqual(base);
  });

  it('refuses a link no log could have written', () => {
    expect(() => leafInput(event(), { leafIndex: -1, leafHash: PREVIOUS })).toThrow(RangeError);
    expect(() => leafInput(event(), { leafIndex: 1.5, leafHash: PREVIOUS })).toThrow(RangeError);
    expect(() => leafInput(event(), { leafIndex: 1, leafHash: PREVIOUS.toUpperCase() })).toThrow(
      RangeError,
    );
  });
});
