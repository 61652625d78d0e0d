import { PolicyHistory } from '../../consent/domain';
import { consentHistories } from '../domain/consent-statuses';
import { consentReceiptOf } from '../domain/consent-receipt';
import { consentRecordsOf } from '../domain/consent-records';
import type { RecordIssuer } from '../domain/issuer';

/**
 * Schemas and examples of the receipts, keys and records for the OpenAPI document. The
 * examples are built by the very functions that build the answers, from example values.
 */

const ISSUER: RecordIssuer = {
  jurisdiction: 'EU',
  language: 'en',
  policyUrl: 'https://drones.example/privacy',
  controller: {
    name: 'Example Drones Ltd',
    contact: 'Data protection officer',
    email: 'privacy@drones.example',
    phone: '+41 44 000 00 00',
    streetAddress: 'Example Street 1, 8000 Zurich',
    country: 'CH',
    url: 'https://drones.example',
  },
};

const SUBJECT = '0b8c1f9e-3c51-4a8e-9d0e-6a0f3c2b1d4e';
const GRANT_ID = '5e0c9a52-1f3b-8d6e-a2c4-7b9d1e3f5a60';
const POLICY = {
  version: 1,
  regions: ['row'],
  categories: [
    {
      key: 'approximate-location',
      description: 'Approximate location, also shared with the map provider',
      default: 'opt-in' as const,
      precisions: ['approximate' as const],
      recipients: ['map-provider-row'],
      purposes: ['map-display'],
    },
  ],
  purposes: [{ key: 'map-display', description: "Show the pilot's position on a map" }],
  recipients: [
    {
      key: 'map-provider-row',
      name: 'Third-party map provider (rest of world)',
      kind: 'third-party' as const,
      region: 'row',
    },
  ],
  reconsentRequired: [],
};
const GRANT = {
  type: 'consent-granted' as const,
  schemaVersion: 1 as const,
  tenantId: 'default',
  subjectId: SUBJECT,
  occurredAt: '2026-03-01T09:30:00.000Z',
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
  policyVersion: 1,
  actor: 'subject' as const,
};

export const RECEIPT_EXAMPLE = consentReceiptOf(
  'default',
  { eventId: GRANT_ID, event: GRANT },
  POLICY,
  ISSUER,
);

export const RECEIPT_JWS_EXAMPLE =
  'eyJhbGciOiJFZERTQSIsImtpZCI6IkV4YW1wbGUiLCJjdHkiOiJqc29uIn0.eyJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0.c2lnbmF0dXJl';

const text = { type: 'string' };
const texts = { type: 'array', items: text };

const DECISION_SUMMARY_REQUIRED = [
  'eventId',
  'eventType',
  'decision',
  'occurredAt',
  'policyVersion',
  'category',
  'recipient',
  'purpose',
];

const DECISION_SUMMARY_PROPERTIES = {
  eventId: { type: 'string', format: 'uuid' },
  eventType: { type: 'string', enum: ['consent-granted', 'consent-revoked'] },
  decision: { type: 'string', enum: ['given', 'withdrawn'] },
  occurredAt: { type: 'string', format: 'date-time' },
  policyVersion: { type: 'integer' },
  category: text,
  recipient: text,
  purpose: text,
  expiresAt: { type: 'string', format: 'date-time' },
};

export const RECEIPT_SCHEMA = {
  type: 'object',
  description:
    'A Kantara Consent Receipt v1.1 (field names as the specification spells them) of one grant or revocation, plus `consentLedger`: the event it receipts.',
  required: [
    'version',
    'jurisdiction',
    'consentTimestamp',
    'collectionMethod',
    'consentReceiptID',
    'language',
    'piiPrincipalId',
    'piiControllers',
    'policyUrl',
    'services',
    'sensitive',
    'spiCat',
    'consentLedger',
  ],
  properties: {
    version: { type: 'string', enum: ['KI-CR-v1.1.0'] },
    jurisdiction: text,
    consentTimestamp: { type: 'integer', description: 'Seconds since the epoch.' },
    collectionMethod: text,
    consentReceiptID: { type: 'string', format: 'uuid' },
    language: text,
    piiPrincipalId: { type: 'string', description: "The subject's pseudonym." },
    piiControllers: { type: 'array', items: { type: 'object' } },
    policyUrl: { type: 'string', format: 'uri' },
    services: { type: 'array', items: { type: 'object' } },
    sensitive: { type: 'boolean' },
    spiCat: texts,
    consentLedger: {
      type: 'object',
      required: DECISION_SUMMARY_REQUIRED,
      properties: DECISION_SUMMARY_PROPERTIES,
    },
  },
};

export const JWK_SET_EXAMPLE = {
  keys: [
    {
      kty: 'OKP',
      crv: 'Ed25519',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
      kid: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
      alg: 'EdDSA',
      use: 'sig',
    },
  ],
};

export const JWK_SET_SCHEMA = {
  type: 'object',
  description: "The tenant's receipt verification keys (RFC 7517 JWK set).",
  required: ['keys'],
  properties: {
    keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kty', 'crv', 'x', 'kid', 'alg', 'use'],
        properties: {
          kty: { type: 'string', enum: ['OKP'] },
          crv: { type: 'string', enum: ['Ed25519'] },
          x: text,
          kid: { type: 'string', description: 'RFC 7638 thumbprint; the JWS header names it.' },
          alg: { type: 'string', enum: ['EdDSA'] },
          use: { type: 'string', enum: ['sig'] },
        },
      },
    },
  },
};

export const RECORDS_EXAMPLE = consentRecordsOf({
  tenantId: 'default',
  subjectId: SUBJECT,
  residency: 'row',
  histories: consentHistories(
    [{ eventId: GRANT_ID, event: GRANT }],
    PolicyHistory.empty(),
    Date.parse('2026-03-02T00:00:00.000Z'),
  ),
  policyFor: () => POLICY,
  issuer: ISSUER,
});

export const RECORDS_SCHEMA = {
  type: 'object',
  description:
    'JSON-LD (inline @context) in the W3C Data Privacy Vocabulary 2.2: one dpv:ConsentRecord (ISO/IEC TS 27560) per (category, recipient, purpose) the subject decided on.',
  required: ['@context', '@graph'],
  properties: {
    '@context': { type: 'object' },
    '@graph': { type: 'array', items: { type: 'object' } },
  },
};

export const RECEIPT_LIST_EXAMPLE = {
  subjectId: SUBJECT,
  receipts: [
    { consentReceiptID: RECEIPT_EXAMPLE.consentReceiptID, ...RECEIPT_EXAMPLE.consentLedger },
  ],
};

export const RECEIPT_LIST_SCHEMA = {
  type: 'object',
  required: ['subjectId', 'receipts'],
  properties: {
    subjectId: { type: 'string', format: 'uuid' },
    receipts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['consentReceiptID', ...DECISION_SUMMARY_REQUIRED],
        properties: {
          consentReceiptID: { type: 'string', format: 'uuid' },
          ...DECISION_SUMMARY_PROPERTIES,
        },
      },
    },
  },
};
