import type { JsonObject, JsonValue } from '../../../event-store/event-store.port';
import { isCanonicalInstant } from '../../../shared/time/canonical-instant';
import { CERTIFICATE_FORMAT, type ErasureCertificateStatement } from '../erasure-certificate';

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const ACTORS = ['subject', 'app', 'privacy-officer', 'import'];

/**
 * Checks that parsed JSON has the statement's shape, field by field, and names every field
 * that does not. What the fields say is checked elsewhere (verify-certificate.ts).
 */
export function shapeProblems(value: JsonValue): string[] {
  const problems: string[] = [];
  const at = (path: string, ok: boolean, what: string) => {
    if (!ok) problems.push(`${path} is not ${what}`);
  };
  if (!isObject(value)) return ['the statement is not a JSON object'];
  const s = value;
  at('format', s.format === CERTIFICATE_FORMAT, `"${CERTIFICATE_FORMAT}"`);
  at('version', s.version === 1, '1');
  at('issuedAt', isInstant(s.issuedAt), 'an ISO 8601 instant');
  at('subject', isText(s.subject), 'a pseudonym');
  const log = s.log;
  at('log', isObject(log), 'an object');
  if (isObject(log)) {
    at('log.origin', isText(log.origin), 'a log origin');
    at('log.tenant', isText(log.tenant), 'a tenant');
  }
  const erasure = s.erasure;
  at('erasure', isObject(erasure), 'an object');
  if (isObject(erasure)) erasureProblems(erasure, at);
  const leaf = s.completionEvent;
  at('completionEvent', isObject(leaf), 'an object');
  if (isObject(leaf)) {
    at('completionEvent.eventId', isText(leaf.eventId), 'an event id');
    at(
      'completionEvent.position',
      isText(leaf.position) && DECIMAL.test(leaf.position),
      'a decimal position',
    );
    at('completionEvent.recordedAt', isInstant(leaf.recordedAt), 'an ISO 8601 instant');
    at('completionEvent.leafIndex', isCount(leaf.leafIndex), 'a leaf index');
    at('completionEvent.leafInput', isText(leaf.leafInput), 'a leaf input');
    at('completionEvent.leafHash', isText(leaf.leafHash), 'a base64 hash');
  }
  const checkpoint = s.checkpoint;
  at('checkpoint', isObject(checkpoint), 'an object');
  if (isObject(checkpoint)) {
    at('checkpoint.note', isText(checkpoint.note), 'a signed note');
    at('checkpoint.treeSize', isCount(checkpoint.treeSize), 'a tree size');
  }
  at(
    'inclusionProof',
    Array.isArray(s.inclusionProof) && s.inclusionProof.every(isText),
    'a list of base64 hashes',
  );
  return problems;
}

function erasureProblems(
  e: JsonObject,
  at: (path: string, ok: boolean, what: string) => void,
): void {
  at('erasure.erasureId', isText(e.erasureId), 'an erasure id');
  at('erasure.scope', e.scope === 'account' || e.scope === 'categories', 'account or categories');
  at(
    'erasure.categories',
    e.scope === 'account' ? e.categories === null : isTextList(e.categories),
    e.scope === 'account' ? 'null for an account' : 'a list of categories',
  );
  at(
    'erasure.personalData',
    e.personalData === (e.scope === 'account' ? 'shredded' : 'flows-stopped'),
    'what the scope does to personal data',
  );
  at('erasure.requestedBy', ACTORS.includes(e.requestedBy as string), 'an actor');
  for (const field of ['requestedAt', 'originalDeadline', 'deadline', 'completedAt'] as const) {
    at(`erasure.${field}`, isInstant(e[field]), 'an ISO 8601 instant');
  }
  at('erasure.extended', typeof e.extended === 'boolean', 'a boolean');
  at('erasure.deadlineMet', typeof e.deadlineMet === 'boolean', 'a boolean');
  at(
    'erasure.completion',
    e.completion === 'all-confirmed' || e.completion === 'override',
    'all-confirmed or override',
  );
  at('erasure.overrideReasonGiven', typeof e.overrideReasonGiven === 'boolean', 'a boolean');
  at('erasure.completedBy', ACTORS.includes(e.completedBy as string), 'an actor');
  const processors = e.processors;
  at('erasure.processors', Array.isArray(processors), 'a list');
  if (!Array.isArray(processors)) return;
  processors.forEach((p, i) => {
    const path = `erasure.processors[${i}]`;
    at(path, isObject(p), 'an object');
    if (!isObject(p)) return;
    at(`${path}.recipient`, isText(p.recipient), 'a recipient');
    at(`${path}.categories`, isTextList(p.categories), 'a list of categories');
    at(`${path}.notifiedAt`, isInstant(p.notifiedAt), 'an ISO 8601 instant');
    at(
      `${path}.confirmedAt`,
      p.confirmedAt === null || isInstant(p.confirmedAt),
      'an instant or null',
    );
  });
}

export function asStatement(value: JsonValue): ErasureCertificateStatement {
  return value as unknown as ErasureCertificateStatement;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: JsonValue | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

function isTextList(value: JsonValue | undefined): boolean {
  return Array.isArray(value) && value.every(isText);
}

function isInstant(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && isCanonicalInstant(value);
}

function isCount(value: JsonValue | undefined): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
