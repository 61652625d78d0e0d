import { DPV_NAMESPACE } from './dpv-terms';

/**
 * The JSON-LD context of the consent records, given inline so that no processor needs to
 * fetch one: prefixes only, plus the terms whose values are IRIs or typed literals.
 */
export const DPV_RECORD_CONTEXT = {
  dpv: DPV_NAMESPACE,
  dct: 'http://purl.org/dc/terms/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'dct:conformsTo': { '@type': '@id' },
  'dct:source': { '@type': '@id' },
  'dpv:hasLegalBasis': { '@type': '@id' },
  'dpv:hasProcessing': { '@type': '@id' },
  'dpv:isIndicatedBy': { '@type': '@id' },
  'dpv:isIndicatedAtTime': { '@type': 'xsd:dateTime' },
} as const;

/** The DPV profile a record conforms to (the guide's `dct:conformsTo` value). */
export const DPV_27560_RECORD_PROFILE = 'https://w3id.org/dpv/schema/dpv-27560#record';
