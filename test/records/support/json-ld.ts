import jsonld from 'jsonld';
import { DPV_NAMESPACE, DPV_TERMS } from '../../../src/records/domain/dpv-terms';

type JsonObject = Record<string, unknown>;

/**
 * JSON-LD processing with no network: the document loader refuses every URL, so a record
 * that needed a remote context would fail here instead of fetching it.
 */
export const requestedUrls: string[] = [];

const offlineLoader = (url: string): Promise<never> => {
  requestedUrls.push(url);
  return Promise.reject(new Error(`no network in tests: refused to load ${url}`));
};

/** Expansion in safe mode: jsonld throws where it would drop a term or a value silently. */
export async function expandOffline(document: JsonObject): Promise<JsonObject[]> {
  return await jsonld.expand(document, {
    documentLoader: offlineLoader,
    safe: true,
  } as jsonld.Options.Expand);
}

/**
 * Every member name of a JSON-LD document outside keywords and the context itself: compact
 * names (`dpv:hasPurpose`) before expansion, full IRIs after.
 */
export function memberNames(value: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) memberNames(item, names);
    return names;
  }
  if (typeof value !== 'object' || value === null) return names;
  for (const [key, member] of Object.entries(value)) {
    if (key === '@context') continue;
    if (!key.startsWith('@')) names.add(key);
    memberNames(member, names);
  }
  return names;
}

/** Every IRI in DPV's namespace an expanded document uses: properties, types and ids. */
export function dpvIris(value: unknown, iris = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith(DPV_NAMESPACE)) iris.add(value);
    return iris;
  }
  if (Array.isArray(value)) {
    for (const item of value) dpvIris(item, iris);
    return iris;
  }
  if (typeof value !== 'object' || value === null) return iris;
  for (const [key, member] of Object.entries(value)) {
    dpvIris(key, iris);
    // A literal's text is not an IRI, even when it looks like one.
    if (key !== '@value') dpvIris(member, iris);
  }
  return iris;
}

export const SHIPPED_DPV_IRIS = new Set(DPV_TERMS.map((term) => `${DPV_NAMESPACE}${term}`));

/** Expands a compact IRI with the document's own prefixes (the context is prefixes only). */
export function expandCompactIri(key: string, context: JsonObject): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const prefix = context[key.slice(0, colon)];
  return typeof prefix === 'string' ? `${prefix}${key.slice(colon + 1)}` : key;
}
