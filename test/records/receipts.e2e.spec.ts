import { randomUUID } from 'node:crypto';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { DEVICE_INFO, MAP_LOCATION } from '../e2e/consent/fixtures';
import {
  expectProblem,
  type Json,
  type RegisteredSubject,
  UNKNOWN_SUBJECT,
  useConsentApi,
} from '../e2e/consent/harness';

/**
 * Kantara Consent Receipts v1.1 of grants and revocations (issue #19 item 2, ADR 0043): the
 * fields, the JWS and its published key, the id derived from the event, and every refusal.
 */
const api = useConsentApi();

const JOSE = { accept: 'application/jose' };

interface Receipt extends Json {
  consentReceiptID: string;
  consentTimestamp: number;
  piiPrincipalId: string;
  services: { service: string; purposes: Json[] }[];
  consentLedger: Json;
}

async function decide(subject: RegisteredSubject, kind: 'grants' | 'revocations', body: Json) {
  const response = await api.post(`${subject.path}/${kind}`, body);
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
  const events = await api.subjectEvents(subject.subjectId);
  return events[events.length - 1]!;
}

async function keySet(): Promise<JSONWebKeySet> {
  const response = await api.get('/v1/receipt-keys');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
  return response.json<JSONWebKeySet>();
}

describe('consent receipts', () => {
  let subject: RegisteredSubject;
  let grantId: string;
  let revokeId: string;
  let grantedAt: string;
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    subject = await api.registerSubject();
    const grant = await decide(subject, 'grants', { ...MAP_LOCATION, expiresAt });
    grantId = grant.id;
    grantedAt = grant.data.occurredAt as string;
    revokeId = (await decide(subject, 'revocations', { ...MAP_LOCATION, actor: 'subject' })).id;
  });

  it('lists the receipts of every grant and revocation, by event id and receipt id', async () => {
    const response = await api.get(`${subject.path}/receipts`);
    expect(response.statusCode).toBe(200);
    const { subjectId, receipts } = response.json<{ subjectId: string; receipts: Json[] }>();
    expect(subjectId).toBe(subject.subjectId);
    expect(receipts.map((r) => [r.eventId, r.eventType, r.decision])).toEqual([
      [grantId, 'consent-granted', 'given'],
      [revokeId, 'consent-revoked', 'withdrawn'],
    ]);
    for (const entry of receipts) {
      const receipt = (
        await api.get(`${subject.path}/receipts/${String(entry.eventId)}`)
      ).json<Receipt>();
      expect(entry.consentReceiptID).toBe(receipt.consentReceiptID);
      expect(entry).toMatchObject({ ...MAP_LOCATION, policyVersion: 1 });
    }
  });

  it('answers a grant with the Kantara v1.1 fields, the pseudonym as principal', async () => {
    const response = await api.get(`${subject.path}/receipts/${grantId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    const receipt = response.json<Receipt>();
    expect(receipt).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'EU',
      consentTimestamp: Math.floor(Date.parse(grantedAt) / 1000),
      language: 'en',
      piiPrincipalId: subject.subjectId,
      sensitive: false,
      spiCat: [],
      consentLedger: {
        eventId: grantId,
        eventType: 'consent-granted',
        decision: 'given',
        occurredAt: grantedAt,
        policyVersion: 1,
        ...MAP_LOCATION,
      },
    });
    expect(receipt.collectionMethod).toMatch(/^Given /);
    expect(receipt.policyUrl).toMatch(/^https?:\/\//);
    const controllers = receipt.piiControllers as Json[];
    expect(controllers).toHaveLength(1);
    expect(Object.keys(controllers[0]!)).toEqual(
      expect.arrayContaining(['piiController', 'contact', 'address', 'email', 'phone']) as string[],
    );
    expect(receipt.services).toHaveLength(1);
    const [service] = receipt.services;
    expect(service!.service).toContain('Approximate location');
    expect(service!.purposes).toEqual([
      {
        purpose: "Show the pilot's position on a map",
        purposeCategory: ['map-display'],
        consentType: 'EXPLICIT',
        piiCategory: ['approximate-location'],
        primaryPurpose: true,
        termination: `until withdrawn, at the latest ${expiresAt}`,
        thirdPartyDisclosure: true,
        thirdPartyName: 'Third-party map provider (rest of world)',
      },
    ]);
    expect(response.body).not.toContain(subject.appSubjectId);
  });

  it('answers a revocation with a withdrawal receipt', async () => {
    const receipt = (await api.get(`${subject.path}/receipts/${revokeId}`)).json<Receipt>();
    expect(receipt.collectionMethod).toMatch(/^Withdrawn by the subject/);
    expect(receipt.consentLedger).toMatchObject({
      eventId: revokeId,
      eventType: 'consent-revoked',
      decision: 'withdrawn',
    });
    expect(receipt.services[0]!.purposes[0]!.termination).toMatch(/^withdrawn /);
  });

  it('gives the same receipt, id included, for the same event, and another for another', async () => {
    const first = await api.get(`${subject.path}/receipts/${grantId}`);
    const again = await api.get(`${subject.path}/receipts/${grantId.toUpperCase()}`);
    expect(again.body).toBe(first.body);
    const ids = [grantId, revokeId].map(
      async (id) =>
        (await api.get(`${subject.path}/receipts/${id}`)).json<Receipt>().consentReceiptID,
    );
    const [grantReceipt, revokeReceipt] = await Promise.all(ids);
    expect(grantReceipt).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(revokeReceipt).not.toBe(grantReceipt);
    expect([grantReceipt, revokeReceipt]).not.toContain(grantId);
  });

  it('signs the receipt as a compact JWS that the published key verifies', async () => {
    const response = await api.get(`${subject.path}/receipts/${grantId}`, JOSE);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/jose/);
    const jws = response.body;
    expect(jws.split('.')).toHaveLength(3);
    const keys = createLocalJWKSet(await keySet());
    const { payload, protectedHeader } = await compactVerify(jws, keys);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA' });
    const json = (await api.get(`${subject.path}/receipts/${grantId}`)).json<Receipt>();
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(json);
    // Ed25519 is deterministic: the same event gives the very same JWS.
    expect((await api.get(`${subject.path}/receipts/${grantId}`, JOSE)).body).toBe(jws);
  });

  it('refuses a JWS with one byte flipped, in the payload or in the signature', async () => {
    const jws = (await api.get(`${subject.path}/receipts/${grantId}`, JOSE)).body;
    const keys = createLocalJWKSet(await keySet());
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[bytes.length >> 1]! ^= 0x01;
      return bytes.toString('base64url');
    };
    await expect(compactVerify(`${header}.${flip(payload)}.${signature}`, keys)).rejects.toThrow();
    await expect(compactVerify(`${header}.${payload}.${flip(signature)}`, keys)).rejects.toThrow();
  });

  it('publishes one Ed25519 key, named by the kid of the JWS header', async () => {
    const { keys } = await keySet();
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' }),
    ]);
    expect(keys[0]).not.toHaveProperty('d');
    const jws = (await api.get(`${subject.path}/receipts/${revokeId}`, JOSE)).body;
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as Json;
    expect(header.kid).toBe(keys[0]!.kid);
  });

  it('answers 404 for an unknown event, an event of another subject and an unknown subject', async () => {
    expectProblem(await api.get(`${subject.path}/receipts/${randomUUID()}`), 404, 'not-found');
    const other = await api.registerSubject();
    const otherGrant = await decide(other, 'grants', DEVICE_INFO);
    expectProblem(await api.get(`${subject.path}/receipts/${otherGrant.id}`), 404, 'not-found');
    expectProblem(
      await api.get(`/v1/subjects/${UNKNOWN_SUBJECT}/receipts/${grantId}`),
      404,
      'subject-not-found',
    );
  });

  it('answers 404 for an event that is not a grant or a revocation', async () => {
    const [registered] = await api.subjectEvents(subject.subjectId);
    const body = expectProblem(
      await api.get(`${subject.path}/receipts/${registered!.id}`),
      404,
      'not-found',
    );
    expect(body.detail).toContain('subject-registered');
  });

  it('answers 400 for an event id that is not a UUID', async () => {
    expect((await api.get(`${subject.path}/receipts/not-a-uuid`)).statusCode).toBe(400);
  });
});

describe('receipts and records of an erased subject', () => {
  it('are gone: 410 once the account erasure is complete, while the request is open still 200', async () => {
    const subject = await api.registerSubject();
    const grant = await decide(subject, 'grants', DEVICE_INFO);
    const requested = await api.post(`${subject.path}/erasure-requests`, { scope: 'account' });
    expect(requested.statusCode).toBe(201);
    const { erasureId, consistencyToken } = requested.json<{
      erasureId: string;
      consistencyToken: string;
    }>();
    const erasure = `${subject.path}/erasure-requests/${erasureId}`;
    expect((await api.get(`${erasure}?consistencyToken=${consistencyToken}`)).statusCode).toBe(200);
    expect((await api.get(`${subject.path}/receipts/${grant.id}`)).statusCode).toBe(200);

    const completed = await api.post(`${erasure}/completion`, {});
    expect({ status: completed.statusCode, body: completed.body }).toMatchObject({ status: 201 });

    const receipt = expectProblem(
      await api.get(`${subject.path}/receipts/${grant.id}`, JOSE),
      410,
      'subject-erased',
    );
    expect(receipt.detail).toContain(subject.subjectId);
    expectProblem(await api.get(`${subject.path}/consent-records`), 410, 'subject-erased');
    expectProblem(await api.get(`${subject.path}/receipts`), 410, 'subject-erased');
  });
});
