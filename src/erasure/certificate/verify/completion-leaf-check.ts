import { subjectStream } from '../../../shared/tenancy/stream-names';
import type { JsonObject, JsonValue } from '../../../event-store/event-store.port';
import { canonicalJson, type ErasureCertificateStatement } from '../erasure-certificate';
import { isObject } from './certificate-shape';

/**
 * The statement must say what the leaf it certifies says: the leaf input is the
 * `erasure-completed` event as the audit log committed to it (ADR 0011's envelope), so every
 * fact the event carries — subject, request, completion, who completed it, each
 * recipient's confirmation, position and id — is checked against it. The rest (deadlines,
 * notification times) comes from earlier events of the stream and is signed by the service.
 */
export function checkCompletionLeaf(statement: ErasureCertificateStatement): string[] {
  const leaf = statement.completionEvent;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(leaf.leafInput) as JsonValue;
  } catch {
    return ['the leaf input is not JSON'];
  }
  if (!isObject(parsed) || !isObject(parsed.data) || !isObject(parsed.metadata)) {
    return ['the leaf input is not a leaf envelope'];
  }
  const problems: string[] = [];
  if (canonicalJson(parsed) !== leaf.leafInput) {
    problems.push('the leaf input is not RFC 8785 canonical JSON');
  }
  const expect = (what: string, actual: JsonValue | undefined, stated: JsonValue) => {
    if (actual === undefined || canonicalJson(actual) !== canonicalJson(stated)) {
      problems.push(`the leaf's ${what} does not match the statement`);
    }
  };
  const { erasure, log, subject } = statement;
  const data: JsonObject = parsed.data;
  expect('type', parsed.type, 'erasure-completed');
  expect('eventId', parsed.eventId, leaf.eventId);
  expect('position', parsed.position, leaf.position);
  expect('recordedAt', parsed.recordedAt, leaf.recordedAt);
  expect('streamName', parsed.streamName, subjectStream(log.tenant, subject));
  expect('tenant', parsed.metadata.tenantId ?? data.tenantId, log.tenant);
  expect('tenantId', data.tenantId, log.tenant);
  expect('subjectId', data.subjectId, subject);
  expect('erasureId', data.erasureId, erasure.erasureId);
  expect('occurredAt', data.occurredAt, erasure.completedAt);
  expect('completion', data.completion, erasure.completion);
  expect('actor', data.actor, erasure.completedBy);
  expect(
    'scope',
    data.scope,
    erasure.scope === 'account'
      ? { kind: 'account' }
      : { kind: 'categories', categories: [...(erasure.categories ?? [])] },
  );
  expect('overrideReason', Object.hasOwn(data, 'overrideReason'), erasure.overrideReasonGiven);
  expect(
    'recipients',
    data.recipients,
    erasure.processors.map((p) => ({
      recipient: p.recipient,
      confirmed: p.confirmedAt !== null,
      ...(p.confirmedAt !== null ? { confirmedAt: p.confirmedAt } : {}),
    })),
  );
  return problems;
}
