/**
 * Every term of the W3C Data Privacy Vocabulary the consent records use, and nothing else:
 * records are built through `dpv()`, which takes only these names, and a test checks that
 * every DPV IRI in a record is one of them.
 *
 * Source: DPV 2.2, the term list `2.2/dpv/dpv.csv` of the repository github.com/w3c/dpv at
 * commit f01a55c3c0983e35cdfdf80593ece3353faba7b8 (2026-02-28); every name below is a row
 * of that file (column `term`), namespace https://w3id.org/dpv#. Statuses: module
 * `consent_status`; the mapping of ISO/IEC TS 27560 fields to them follows the DPV guide
 * "Consent Records and Receipts as per ISO/IEC TS 27560:2023 using DPV"
 * (https://w3id.org/dpv/guides/consent-27560).
 */
export const DPV_VERSION = '2.2';
export const DPV_NAMESPACE = 'https://w3id.org/dpv#';

export const DPV_TERMS = [
  // classes
  'ConsentRecord',
  'DataSubject',
  'DataController',
  'DataProcessor',
  'ThirdParty',
  'Recipient',
  'Process',
  'Purpose',
  'PersonalData',
  'PrivacyNotice',
  'ExpressedConsent',
  'Location',
  'ThirdCountry',
  'CrossBorderTransfer',
  'UntilTimeDuration',
  // consent statuses
  'ConsentGiven',
  'RenewedConsentGiven',
  'ConsentWithdrawn',
  'ConsentRevoked',
  'ConsentRefused',
  'ConsentExpired',
  'ConsentInvalidated',
  // properties
  'hasDataSubject',
  'hasDataController',
  'hasJurisdiction',
  'hasNotice',
  'hasProcess',
  'hasPurpose',
  'hasPersonalData',
  'hasRecipient',
  'hasLegalBasis',
  'hasConsentStatus',
  'isIndicatedAtTime',
  'isIndicatedBy',
  'hasDuration',
  'hasName',
  'hasContact',
  'hasAddress',
  'hasLocation',
  'hasThirdCountry',
  'hasProcessing',
] as const;

export type DpvTerm = (typeof DPV_TERMS)[number];

/** The compact IRI of a term (`dpv:<term>`), as the records' inline context defines it. */
export function dpv<T extends DpvTerm>(term: T): `dpv:${T}` {
  return `dpv:${term}`;
}
