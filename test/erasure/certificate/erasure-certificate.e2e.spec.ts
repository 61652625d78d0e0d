import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHECKPOINT_SIGNING_KEY } from '../../../src/audit/audit.tokens';
import {
  type CheckpointSigningKey,
  logOrigin,
} from '../../../src/audit/checkpoints/checkpoint-signing-key';
import {
  generateEd25519Seed,
  formatVerifierKey,
  parseVerifierKey,
} from '../../../src/audit/note/note-keys';
import { ed25519PrivateKey, ed25519PublicKeyBytes } from '../../../src/audit/note/ed25519';
import { parseNote, signNote } from '../../../src/audit/note/signed-note';
import { UnusableInputError } from '../../../src/audit/verify/unusable-input.error';
import type { AppConfig } from '../../../src/config/app-config';
import { APP_CONFIG } from '../../../src/config/app-config.token';
import {
  certificateText,
  type ErasureCertificateStatement,
} from '../../../src/erasure/certificate/erasure-certificate';
import { verifyCertificate } from '../../../src/erasure/certificate/verify/verify-certificate';
import type { JsonValue } from '../../../src/event-store/event-store.port';
import { MAP_LOCATION } from '../../e2e/consent/fixtures';
import type { RegisteredSubject } from '../../e2e/consent/harness';
import {
  type ErasureApi,
  type ErasureReceipt,
  TENANT,
  useErasureApi,
} from '../support/erasure-api';
import { singleFieldMutations } from './statement-mutations';

const ROOT = join(__dirname, '..', '..', '..');
const REGISTER_TS = join(ROOT, 'test', 'support', 'register-ts.js');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

/**
 * Fields a certificate states on the service's word alone (its signature), since the
 * completion event does not carry them: an auditor checks them against the rest of the
 * subject's stream, e.g. in a subject export. Every other field is checked offline.
 */
const ATTESTED_ONLY = [
  /^issuedAt$/,
  /^erasure\.requestedAt$/,
  /^erasure\.processors\[\d+\]\.notifiedAt$/,
  /^erasure\.processors\[\d+\]\.categories/,
];

async function certificateOf(api: ErasureApi, path: string): Promise<string> {
  const response = await api.get(`${path}/certificate`);
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
  expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  return response.body;
}

function statementOf(certificate: string): ErasureCertificateStatement {
  return JSON.parse(parseNote(certificate).text.split('\n')[1]!) as ErasureCertificateStatement;
}

/** The certificate's text replaced by `statement`, its signature lines kept as they were. */
function withStatement(certificate: string, statement: JsonValue): string {
  const split = certificate.lastIndexOf('\n\n');
  return `${certificateText(statement as unknown as ErasureCertificateStatement)}${certificate.slice(split + 1)}`;
}

/** The failures, or a single `unusable` when the input is not a certificate at all. */
function failuresOf(certificate: string, key: string): readonly string[] {
  try {
    return verifyCertificate(certificate, parseVerifierKey(key)).failures;
  } catch (error) {
    if (error instanceof UnusableInputError) return [`unusable: ${error.message}`];
    throw error;
  }
}

describe('the signed erasure certificate', () => {
  const api = useErasureApi({ CHECKPOINT_EVERY_MS: '50' });
  const reason = 'override reason that is personal text 7c1f';
  let subject: RegisteredSubject;
  let request: ErasureReceipt;
  let path: string;
  let certificate: string;
  let verifierKey: string;
  let signingKey: CheckpointSigningKey;
  let origin: string;

  beforeAll(async () => {
    const config = api.app.get<AppConfig>(APP_CONFIG);
    origin = logOrigin(config.audit.originHost, TENANT);
    signingKey = api.app.get<CheckpointSigningKey>(CHECKPOINT_SIGNING_KEY);
    verifierKey = signingKey.verifierKeyFor(origin);

    subject = await api.registerSubject({ email: 'certificate-subject@example.org' });
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
    request = await api.requestErasure(subject.path, { scope: 'account' });
    path = `${subject.path}/erasure-requests/${request.erasureId}`;
    await api.erasure(subject.path, request.erasureId, request.consistencyToken);
  });

  it('is refused with 409 while the request is open', async () => {
    const response = await api.get(`${path}/certificate`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'erasure-not-completed' });
  });

  it('is 404 for an unknown request', async () => {
    const other = `${subject.path}/erasure-requests/00000000-0000-4000-8000-000000000000`;
    expect((await api.get(`${other}/certificate`)).statusCode).toBe(404);
  });

  describe('once completed', () => {
    beforeAll(async () => {
      expect(
        (await api.post(`${path}/confirmations`, { recipient: 'map-provider-row' })).statusCode,
      ).toBe(201);
      const completion = await api.post(`${path}/completion`, {});
      expect(completion.statusCode).toBe(201);
      certificate = await certificateOf(api, path);
    });

    it('states what was erased, when, against which deadline, and who confirmed', () => {
      const statement = statementOf(certificate);
      expect(statement).toMatchObject({
        format: 'consent-ledger-erasure-certificate',
        version: 1,
        log: { origin, tenant: TENANT },
        subject: subject.subjectId,
        erasure: {
          erasureId: request.erasureId,
          scope: 'account',
          categories: null,
          personalData: 'shredded',
          extended: false,
          deadlineMet: true,
          completion: 'all-confirmed',
          overrideReasonGiven: false,
          processors: [
            {
              recipient: 'map-provider-row',
              categories: ['approximate-location'],
              confirmedAt: expect.any(String) as unknown,
            },
          ],
        },
        checkpoint: { note: expect.stringContaining(`${origin}\n`) as unknown },
      });
      expect(statement.checkpoint.treeSize).toBeGreaterThan(statement.completionEvent.leafIndex);
      expect(certificate).not.toContain('certificate-subject@example.org');
    });

    it('verifies with the verifier key, in process and with the CLI', async () => {
      expect(failuresOf(certificate, verifierKey)).toEqual([]);
      const file = join(api.dataDir, 'certificate.txt');
      writeFileSync(file, certificate);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-r', REGISTER_TS, CLI, 'verify-certificate', file, '--key', verifierKey],
        { cwd: ROOT, timeout: 60_000 },
      );
      expect(stdout).toMatch(
        new RegExp(
          `^verified: erasure ${request.erasureId} of the whole account of subject ${subject.subjectId} completed .* \\(all-confirmed; 1/1 processors confirmed\\), deadline .* met; completion event leaf \\d+ proven in ${origin} at tree size \\d+\\n$`,
        ),
      );
    }, 60_000);

    it('fails for every single-field change of its statement', () => {
      const mutations = singleFieldMutations(statementOf(certificate) as unknown as JsonValue);
      expect(mutations.length).toBeGreaterThan(30);
      const verified = mutations.filter(
        (m) => failuresOf(withStatement(certificate, m.mutated), verifierKey).length === 0,
      );
      expect(verified.map((m) => m.path)).toEqual([]);
    });

    it('checks what the log proves even when the service signed a changed statement', () => {
      const resign = (statement: JsonValue) =>
        signNote(certificateText(statement as unknown as ErasureCertificateStatement), [
          signingKey.signerFor(origin),
        ]);
      expect(
        failuresOf(resign(statementOf(certificate) as unknown as JsonValue), verifierKey),
      ).toEqual([]);
      const mutations = singleFieldMutations(statementOf(certificate) as unknown as JsonValue);
      const verified = mutations
        .filter((m) => failuresOf(resign(m.mutated), verifierKey).length === 0)
        .map((m) => m.path);
      for (const field of verified) {
        expect({ field, attestedOnly: ATTESTED_ONLY.some((p) => p.test(field)) }).toEqual({
          field,
          attestedOnly: true,
        });
      }
      const proven = mutations.filter((m) => !verified.includes(m.path)).map((m) => m.path);
      expect(proven).toEqual(
        expect.arrayContaining([
          'subject',
          'erasure.erasureId',
          'erasure.completedAt',
          'erasure.deadlineMet',
          'erasure.processors[0].confirmedAt',
          'completionEvent.leafIndex',
          'completionEvent.leafInput',
          'checkpoint.treeSize',
          'inclusionProof[0]',
        ]),
      );
    });

    it('fails with a changed signature, another key, or another log', () => {
      const signatureAt = certificate.lastIndexOf(' ') + 1;
      const flipped =
        certificate.slice(0, signatureAt + 10) +
        (certificate[signatureAt + 10] === 'A' ? 'B' : 'A') +
        certificate.slice(signatureAt + 11);
      expect(failuresOf(flipped, verifierKey).length).toBeGreaterThan(0);

      const otherKey = formatVerifierKey(
        origin,
        ed25519PublicKeyBytes(ed25519PrivateKey(generateEd25519Seed())),
      );
      expect(failuresOf(certificate, otherKey)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^signature: /),
          expect.stringMatching(/^checkpoint: /),
        ]),
      );
      const otherLog = signingKey.verifierKeyFor(logOrigin('consent-ledger.local', 'other'));
      expect(failuresOf(certificate, otherLog).length).toBeGreaterThan(0);
    });
  });

  it('names an override and that a reason was given, never the reason', async () => {
    const other = await api.registerSubject();
    expect((await api.post(`${other.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    await api.sync(other.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
    const requested = await api.requestErasure(other.path, { scope: 'account' });
    await api.erasure(other.path, requested.erasureId, requested.consistencyToken);
    const otherPath = `${other.path}/erasure-requests/${requested.erasureId}`;
    const completion = await api.post(`${otherPath}/completion`, { override: { reason } });
    expect(completion.statusCode).toBe(201);
    const overridden = await certificateOf(api, otherPath);
    expect(statementOf(overridden).erasure).toMatchObject({
      completion: 'override',
      overrideReasonGiven: true,
      processors: [{ recipient: 'map-provider-row', confirmedAt: null }],
    });
    expect(overridden).not.toContain(reason);
    expect(failuresOf(overridden, verifierKey)).toEqual([]);
  });
});

describe('before a signed checkpoint covers the completion', () => {
  const api = useErasureApi({
    CHECKPOINT_EVERY_MS: '86400000',
    CHECKPOINT_EVERY_EVENTS: '100000',
    READ_YOUR_WRITES_TIMEOUT_MS: '300',
  });

  it('answers 503 with Retry-After', async () => {
    const subject = await api.registerSubject();
    const request = await api.requestErasure(subject.path, { scope: 'account' });
    await api.erasure(subject.path, request.erasureId, request.consistencyToken);
    const path = `${subject.path}/erasure-requests/${request.erasureId}`;
    // The first checkpoint is signed as soon as the log has leaves; none after it for a day.
    while ((await api.get('/v1/audit/checkpoint')).statusCode !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await api.post(`${path}/completion`, {})).statusCode).toBe(201);
    const response = await api.get(`${path}/certificate`);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.json()).toMatchObject({ code: 'certificate-not-ready' });
  });
});
