import {
  APP_PERFORMANCE,
  DEVICE_INFO,
  LOCATION_CHECK,
  MAP_LOCATION,
  policyVersion,
} from '../e2e/consent/fixtures';
import {
  type Combination,
  expectProblem,
  type Json,
  type RegisteredSubject,
  UNKNOWN_SUBJECT,
  useConsentApi,
} from '../e2e/consent/harness';
import {
  dpvIris,
  expandCompactIri,
  memberNames,
  expandOffline,
  requestedUrls,
  SHIPPED_DPV_IRIS,
} from './support/json-ld';

/**
 * ISO/IEC TS 27560 consent records in DPV (issue #19 item 3, ADR 0043), checked with a
 * JSON-LD processor (`jsonld`, no network): nothing is dropped on expansion, every DPV term
 * is one the service ships, and the statuses follow a history with a grant, a withdrawal, an
 * expiry, a policy version requiring re-consent and a refusal.
 */
const api = useConsentApi();

const DPV = 'https://w3id.org/dpv#';
const DCT = 'http://purl.org/dc/terms/';

type Node = Record<string, unknown>;

async function decide(
  subject: RegisteredSubject,
  kind: 'grants' | 'revocations',
  body: Json,
): Promise<string> {
  const response = await api.post(`${subject.path}/${kind}`, body);
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
  const events = await api.subjectEvents(subject.subjectId);
  return events[events.length - 1]!.id;
}

async function records(subject: RegisteredSubject): Promise<Node> {
  const response = await api.get(`${subject.path}/consent-records`);
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
  expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
  return response.json<Node>();
}

const values = (node: Node, property: string): unknown[] => {
  const value = node[property];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const only = (node: Node, property: string) => values(node, property)[0] as Node;
const literal = (node: Node, property: string) =>
  (only(node, property) as { '@value': string })['@value'];
const ids = (node: Node, property: string) => values(node, property).map((v) => (v as Node)['@id']);

/** From the expanded records: per combination, each status with its source event ids. */
function statusesOf(expanded: Node[]): Map<string, [string, unknown[]][]> {
  const byCombination = new Map<string, [string, unknown[]][]>();
  for (const record of expanded) {
    const process = only(record, `${DPV}hasProcess`);
    const key = [
      literal(only(process, `${DPV}hasPersonalData`), `${DCT}identifier`),
      literal(only(process, `${DPV}hasRecipient`), `${DCT}identifier`),
      literal(only(process, `${DPV}hasPurpose`), `${DCT}identifier`),
    ].join(' ');
    const statuses = values(record, `${DPV}hasConsentStatus`).map((status) => {
      const type = ((status as Node)['@type'] as string[])[0]!.replace(DPV, '');
      return [type, ids(status as Node, `${DCT}source`)] as [string, unknown[]];
    });
    byCombination.set(key, statuses);
  }
  return byCombination;
}

const keyOf = (c: Combination) => `${c.category} ${c.recipient} ${c.purpose}`;

describe('consent records in DPV', () => {
  let subject: RegisteredSubject;
  const event: Record<string, string> = {};
  let document: Node;
  let expanded: Node[];

  beforeAll(async () => {
    subject = await api.registerSubject();
    event.given = await decide(subject, 'grants', MAP_LOCATION);
    event.withdrawn = await decide(subject, 'revocations', MAP_LOCATION);
    event.givenAgain = await decide(subject, 'grants', MAP_LOCATION);
    // Version 2 requires consent again for location: the standing grant is invalidated.
    const published = await api.post(
      '/v1/policies',
      policyVersion(2, { reconsentRequired: ['approximate-location'] }),
    );
    expect(published.statusCode).toBe(201);
    event.renewed = await decide(subject, 'grants', MAP_LOCATION);
    // A grant that expires a millisecond after it was given: expired when the records are read.
    const occurredAt = new Date().toISOString();
    const expiresAt = new Date(Date.parse(occurredAt) + 1).toISOString();
    event.expiring = await decide(subject, 'grants', { ...DEVICE_INFO, occurredAt, expiresAt });
    while (Date.now() <= Date.parse(expiresAt)) await new Promise((r) => setTimeout(r, 2));
    // An opt-out default turned off without consent ever given: a refusal.
    event.refused = await decide(subject, 'revocations', APP_PERFORMANCE);
    // Flows and Local Data Mode are not consent decisions: they make no record and no status.
    const sync = await api.post(`${subject.path}/syncs`, {
      ...LOCATION_CHECK,
      syncId: 'records-sync-1',
      precision: 'approximate',
      userInitiated: false,
    });
    expect(sync.statusCode).toBe(201);
    for (const on of [true, false]) {
      expect((await api.put(`${subject.path}/local-data-mode`, { on })).statusCode).toBe(200);
    }
    document = await records(subject);
    expanded = await expandOffline(document);
  });

  it('expands with a JSON-LD processor without dropping a term, and fetches nothing', () => {
    const context = document['@context'] as Node;
    const compact = [...memberNames(document)].map((key) => expandCompactIri(key, context));
    expect([...memberNames(expanded)].sort()).toEqual([...new Set(compact)].sort());
    expect(compact.filter((iri) => !/^https?:\/\//.test(iri))).toEqual([]);
    expect(requestedUrls).toEqual([]);
  });

  it('uses only DPV terms of the shipped list', () => {
    const used = [...dpvIris(expanded)];
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((iri) => !SHIPPED_DPV_IRIS.has(iri))).toEqual([]);
  });

  it('the check of the shipped list catches a term that DPV does not have', async () => {
    const bogus = { ...document, '@graph': [{ '@type': 'dpv:ConsentGivenTwice' }] };
    const used = [...dpvIris(await expandOffline(bogus))];
    expect(used.filter((iri) => !SHIPPED_DPV_IRIS.has(iri))).toEqual([`${DPV}ConsentGivenTwice`]);
  });

  it('the expansion check catches a term the context does not define', async () => {
    const record = (document['@graph'] as Node[])[0]!;
    const dropped = { ...document, '@graph': [{ ...record, consentStatus: 'given' }] };
    await expect(expandOffline(dropped)).rejects.toThrow();
  });

  it('maps the history of each combination onto DPV statuses, linked to their events', () => {
    const statuses = statusesOf(expanded);
    expect(statuses.get(keyOf(MAP_LOCATION))).toEqual([
      ['ConsentGiven', [`urn:uuid:${event.given}`]],
      ['ConsentWithdrawn', [`urn:uuid:${event.withdrawn}`]],
      ['ConsentGiven', [`urn:uuid:${event.givenAgain}`]],
      ['ConsentInvalidated', [`urn:uuid:${event.givenAgain}`]],
      ['RenewedConsentGiven', [`urn:uuid:${event.renewed}`]],
    ]);
    expect(statuses.get(keyOf(DEVICE_INFO))).toEqual([
      ['ConsentGiven', [`urn:uuid:${event.expiring}`]],
      ['ConsentExpired', [`urn:uuid:${event.expiring}`]],
    ]);
    expect(statuses.get(keyOf(APP_PERFORMANCE))).toEqual([
      ['ConsentRefused', [`urn:uuid:${event.refused}`]],
    ]);
    expect(statuses.size).toBe(3);
  });

  it('names the pseudonym, the controller, the recipient and every event it derives from', () => {
    const record = expanded.find((r) => {
      const process = only(r, `${DPV}hasProcess`);
      return literal(only(process, `${DPV}hasPurpose`), `${DCT}identifier`) === 'map-display';
    })!;
    expect(record['@type']).toEqual([`${DPV}ConsentRecord`]);
    const subjectNode = only(record, `${DPV}hasDataSubject`);
    expect(subjectNode['@id']).toBe(`urn:uuid:${subject.subjectId}`);
    expect(JSON.stringify(document)).not.toContain(subject.appSubjectId);
    expect(only(record, `${DPV}hasDataController`)['@type']).toEqual([`${DPV}DataController`]);
    const recipient = only(only(record, `${DPV}hasProcess`), `${DPV}hasRecipient`);
    expect(recipient['@type']).toEqual([`${DPV}Recipient`, `${DPV}ThirdParty`]);
    expect(ids(record, `${DCT}source`).sort()).toEqual(
      [event.given, event.withdrawn, event.givenAgain, event.renewed]
        .map((id) => `urn:uuid:${id}`)
        .sort(),
    );
  });

  it('marks a recipient outside the subject residency as a transfer to a third country', async () => {
    const cnGrant = await decide(subject, 'grants', {
      ...MAP_LOCATION,
      recipient: 'map-provider-cn',
    });
    const again = await expandOffline(await records(subject));
    const record = again.find((r) => ids(r, `${DCT}source`).includes(`urn:uuid:${cnGrant}`))!;
    const process = only(record, `${DPV}hasProcess`);
    expect(ids(process, `${DPV}hasProcessing`)).toEqual([`${DPV}CrossBorderTransfer`]);
    expect(only(process, `${DPV}hasThirdCountry`)['@type']).toEqual([`${DPV}ThirdCountry`]);
    const home = again.find((r) => ids(r, `${DCT}source`).includes(`urn:uuid:${event.given}`))!;
    expect(only(home, `${DPV}hasProcess`)[`${DPV}hasThirdCountry`]).toBeUndefined();
  });

  it('answers an empty graph for a subject that decided nothing, 404 for an unknown one', async () => {
    const quiet = await api.registerSubject();
    expect((await records(quiet))['@graph']).toEqual([]);
    expectProblem(
      await api.get(`/v1/subjects/${UNKNOWN_SUBJECT}/consent-records`),
      404,
      'subject-not-found',
    );
  });
});
