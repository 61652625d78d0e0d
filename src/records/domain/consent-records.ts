import type { Permission, PolicyDocument, RecipientDefinition } from '../../consent/domain';
import { nameBasedUuid } from '../../shared/ids/name-based-uuid';
import type { ConsentHistory, StatusChange } from './consent-statuses';
import { DPV_27560_RECORD_PROFILE, DPV_RECORD_CONTEXT } from './dpv-context';
import { dpv } from './dpv-terms';
import type { RecordIssuer } from './issuer';

type JsonLd = Record<string, unknown>;

export interface RecordsInput {
  readonly tenantId: string;
  readonly subjectId: string;
  /** The subject's residency: a recipient elsewhere means a transfer to a third country. */
  readonly residency: string;
  readonly histories: readonly ConsentHistory[];
  /** The catalogue to describe a (category, recipient, purpose) with: the newest that has it. */
  readonly policyFor: (permission: Permission) => PolicyDocument | undefined;
  readonly issuer: RecordIssuer;
}

/**
 * ISO/IEC TS 27560 consent records in DPV (JSON-LD, inline context): one `dpv:ConsentRecord`
 * per (category, recipient, purpose) the subject decided on, following the DPV guide's
 * profile — the process (purpose, personal data, recipient, legal basis, transfer), and
 * each status with its time, who indicated it, and the ledger events it derives from.
 */
export function consentRecordsOf(input: RecordsInput): JsonLd {
  const controllerId =
    input.issuer.controller.url ?? `urn:consent-ledger:${input.tenantId}:controller`;
  return {
    '@context': DPV_RECORD_CONTEXT,
    '@graph': input.histories.map((history) => recordOf(input, history, controllerId)),
  };
}

function recordOf(input: RecordsInput, history: ConsentHistory, controllerId: string): JsonLd {
  const { permission } = history;
  const recordId = nameBasedUuid(
    `consent-ledger/consent-record/v1\u0000${input.tenantId}\u0000${input.subjectId}\u0000${permission.category}\u0000${permission.recipient}\u0000${permission.purpose}`,
  );
  const { issuer } = input;
  const eventIds = [...new Set(history.changes.flatMap((c) => c.eventIds))];
  return {
    '@id': `urn:uuid:${recordId}`,
    '@type': dpv('ConsentRecord'),
    'dct:conformsTo': DPV_27560_RECORD_PROFILE,
    'dct:identifier': recordId,
    'dct:source': eventIds.map(eventIri),
    'dct:language': issuer.language,
    [dpv('hasDataSubject')]: {
      '@id': `urn:uuid:${input.subjectId}`,
      '@type': dpv('DataSubject'),
      'dct:identifier': input.subjectId,
    },
    [dpv('hasDataController')]: {
      '@id': controllerId,
      '@type': dpv('DataController'),
      [dpv('hasName')]: issuer.controller.name,
      [dpv('hasContact')]: [issuer.controller.email, issuer.controller.phone],
      [dpv('hasAddress')]: `${issuer.controller.streetAddress}, ${issuer.controller.country}`,
    },
    [dpv('hasJurisdiction')]: issuer.jurisdiction,
    [dpv('hasNotice')]: { '@id': issuer.policyUrl, '@type': dpv('PrivacyNotice') },
    [dpv('hasProcess')]: processOf(input, permission),
    [dpv('hasConsentStatus')]: history.changes.map((change) => statusOf(change, controllerId)),
  };
}

function processOf(input: RecordsInput, permission: Permission): JsonLd {
  const policy = input.policyFor(permission);
  const category = policy?.categories.find((c) => c.key === permission.category);
  const purpose = policy?.purposes.find((p) => p.key === permission.purpose);
  const recipient = policy?.recipients.find((r) => r.key === permission.recipient);
  const abroad = recipient !== undefined && recipient.region !== input.residency;
  return {
    '@type': dpv('Process'),
    [dpv('hasPurpose')]: {
      '@type': dpv('Purpose'),
      'dct:identifier': permission.purpose,
      ...(purpose ? { 'dct:description': purpose.description } : {}),
    },
    [dpv('hasPersonalData')]: {
      '@type': dpv('PersonalData'),
      'dct:identifier': permission.category,
      ...(category ? { 'dct:description': category.description } : {}),
    },
    [dpv('hasRecipient')]: recipientOf(permission.recipient, recipient),
    [dpv('hasLegalBasis')]: dpv('ExpressedConsent'),
    ...(abroad
      ? {
          [dpv('hasProcessing')]: dpv('CrossBorderTransfer'),
          [dpv('hasThirdCountry')]: {
            '@type': dpv('ThirdCountry'),
            'dct:identifier': recipient.region,
          },
        }
      : {}),
  };
}

const RECIPIENT_KINDS = {
  'first-party': dpv('DataController'),
  processor: dpv('DataProcessor'),
  'third-party': dpv('ThirdParty'),
} as const;

function recipientOf(key: string, recipient: RecipientDefinition | undefined): JsonLd {
  if (!recipient) return { '@type': dpv('Recipient'), 'dct:identifier': key };
  return {
    '@type': [dpv('Recipient'), RECIPIENT_KINDS[recipient.kind]],
    'dct:identifier': key,
    [dpv('hasName')]: recipient.name,
    [dpv('hasLocation')]: { '@type': dpv('Location'), 'dct:identifier': recipient.region },
  };
}

function statusOf(change: StatusChange, controllerId: string): JsonLd {
  const by =
    change.actor === 'subject' || change.actor === 'app'
      ? dpv('DataSubject')
      : change.actor === 'privacy-officer'
        ? controllerId
        : undefined;
  return {
    '@type': dpv(change.status),
    [dpv('isIndicatedAtTime')]: new Date(change.at).toISOString(),
    ...(by !== undefined ? { [dpv('isIndicatedBy')]: by } : {}),
    ...(change.expiresAt !== undefined
      ? {
          [dpv('hasDuration')]: {
            '@type': dpv('UntilTimeDuration'),
            'rdf:value': new Date(change.expiresAt).toISOString(),
          },
        }
      : {}),
    // The policy version is the version of the notice the status was given under.
    [dpv('hasNotice')]: {
      '@type': dpv('PrivacyNotice'),
      'dct:identifier': `policy version ${change.policyVersion}`,
    },
    'dct:source': change.eventIds.map(eventIri),
  };
}

function eventIri(eventId: string): string {
  return `urn:uuid:${eventId}`;
}
