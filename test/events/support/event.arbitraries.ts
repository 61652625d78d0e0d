import fc from 'fast-check';
import type { ApiKeyEvent } from '../../../src/auth/domain/api-key.events';
import { ROLES } from '../../../src/auth/role';
import {
  CATEGORY_DEFAULTS,
  PRECISIONS,
  type PolicyDocument,
} from '../../../src/consent/domain/policy/policy-document';
import type { PolicyEvent } from '../../../src/consent/domain/policy/policy.events';
import {
  ACTORS,
  BASES,
  ERASURE_COMPLETIONS,
  REFUSAL_REASONS,
  type ErasureScope,
  type SubjectEvent,
} from '../../../src/consent/domain/subject/subject.events';
import type { ProcessorEvent } from '../../../src/erasure/processors/domain/processor-webhook.events';
import type { AcknowledgementEvent } from '../../../src/processors/domain/processor-acknowledgement.events';
import { asSealed, type SealedValue } from '../../../src/shared/domain/sealed-value';

/**
 * Any event of each stream, field by field, with each optional field present or absent:
 * wider than what the deciders record, so that the decoders are tried on every shape the
 * types allow.
 */
const text = fc.string({ maxLength: 12 });
const instant = fc
  .integer({
    min: Date.parse('1970-01-01T00:00:00.000Z'),
    max: Date.parse('2199-12-31T23:59:59.999Z'),
  })
  .map((ms) => new Date(ms).toISOString());
const int = fc.integer({ min: 0, max: 1_000_000 });
const sealed: fc.Arbitrary<SealedValue> = fc.oneof(
  text.map(asSealed),
  // Redacted after an erasure: the digest object stands where the token was (ADR 0017).
  fc
    .stringMatching(/^[0-9a-f]{64}$/)
    .map((sealedDigest) => ({ sealedDigest }) as unknown as SealedValue),
);
const actor = fc.constantFrom(...ACTORS);
const scope: fc.Arbitrary<ErasureScope> = fc.oneof(
  fc.constant({ kind: 'account' as const }),
  fc.record({ kind: fc.constant('categories' as const), categories: fc.array(text) }),
);

/** A record whose `optional` fields are each present or absent. */
function withOptional<Required, Optional>(
  required: { [K in keyof Required]: fc.Arbitrary<Required[K]> },
  optional: { [K in keyof Optional]: fc.Arbitrary<Optional[K]> },
): fc.Arbitrary<Required & Partial<Optional>> {
  const some = fc.record(optional, { requiredKeys: [] });
  return fc
    .tuple(fc.record(required), some)
    .map(([fields, more]) => ({ ...fields, ...(more as Partial<Optional>) }));
}

const subjectBase = {
  schemaVersion: fc.constant(1 as const),
  tenantId: text,
  subjectId: text,
  occurredAt: instant,
};
const permission = { category: text, recipient: text, purpose: text };
const sync = {
  ...subjectBase,
  ...permission,
  syncId: text,
  precision: fc.constantFrom(...PRECISIONS),
  userInitiated: fc.boolean(),
  policyVersion: int,
};
const syncOptional = { recordIds: fc.array(text), sizeBytes: int, location: sealed };
const erasureStep = { ...subjectBase, erasureId: text };

export const subjectEvent: fc.Arbitrary<SubjectEvent> = fc.oneof(
  withOptional(
    {
      type: fc.constant('subject-registered' as const),
      ...subjectBase,
      residency: text,
      appSubjectId: sealed,
    },
    { email: sealed, phone: sealed },
  ),
  withOptional(
    {
      type: fc.constant('consent-granted' as const),
      ...subjectBase,
      ...permission,
      policyVersion: int,
      actor,
    },
    { expiresAt: instant },
  ),
  fc.record({
    type: fc.constant('consent-revoked' as const),
    ...subjectBase,
    ...permission,
    policyVersion: int,
    actor,
  }),
  withOptional(
    { type: fc.constant('sync-recorded' as const), ...sync, basis: fc.constantFrom(...BASES) },
    syncOptional,
  ),
  withOptional(
    {
      type: fc.constant('sync-refused' as const),
      ...sync,
      reasons: fc.uniqueArray(fc.constantFrom(...REFUSAL_REASONS)),
    },
    syncOptional,
  ),
  fc.record({ type: fc.constant('local-data-mode-switched-on' as const), ...subjectBase }),
  fc.record({ type: fc.constant('local-data-mode-switched-off' as const), ...subjectBase }),
  fc.record({
    type: fc.constant('erasure-requested' as const),
    ...erasureStep,
    scope,
    requestedBy: actor,
  }),
  fc.record({
    type: fc.constant('erasure-processor-notified' as const),
    ...erasureStep,
    recipient: text,
    categories: fc.array(text),
  }),
  fc.record({
    type: fc.constant('erasure-processor-confirmed' as const),
    ...erasureStep,
    recipient: text,
    confirmedAt: instant,
  }),
  fc.record({
    type: fc.constant('erasure-deadline-extended' as const),
    ...erasureStep,
    newDeadline: instant,
    subjectToldAt: instant,
    reason: sealed,
  }),
  withOptional(
    {
      type: fc.constant('erasure-completed' as const),
      ...erasureStep,
      scope,
      completion: fc.constantFrom(...ERASURE_COMPLETIONS),
      actor,
      recipients: fc.array(
        withOptional({ recipient: text, confirmed: fc.boolean() }, { confirmedAt: instant }),
      ),
    },
    { overrideReason: sealed },
  ),
);

const policyDocument: fc.Arbitrary<PolicyDocument> = fc.record({
  version: int,
  regions: fc.array(text),
  categories: fc.array(
    fc.record({
      key: text,
      description: text,
      default: fc.constantFrom(...CATEGORY_DEFAULTS),
      precisions: fc.subarray([...PRECISIONS]),
      recipients: fc.array(text),
      purposes: fc.array(text),
    }),
    { maxLength: 4 },
  ),
  purposes: fc.array(fc.record({ key: text, description: text }), { maxLength: 4 }),
  recipients: fc.array(
    fc.record({
      key: text,
      name: text,
      kind: fc.constantFrom('first-party' as const, 'processor' as const, 'third-party' as const),
      region: text,
    }),
    { maxLength: 4 },
  ),
  reconsentRequired: fc.array(text),
});

export const policyEvent: fc.Arbitrary<PolicyEvent> = fc.record({
  type: fc.constant('policy-published' as const),
  schemaVersion: fc.constant(1 as const),
  tenantId: text,
  occurredAt: instant,
  policy: policyDocument,
});

const roles = fc.subarray([...ROLES]);
const keyBase = {
  schemaVersion: fc.constant(1 as const),
  tenantId: text,
  keyId: text,
  actor: text,
};

export const apiKeyEvent: fc.Arbitrary<ApiKeyEvent> = fc.oneof(
  fc.record({
    type: fc.constant('api-key-created' as const),
    ...keyBase,
    name: text,
    roles,
    secretDigest: text,
    createdAt: instant,
    expiresAt: fc.option(instant, { nil: null }),
    recipient: fc.option(text, { nil: undefined }),
  }),
  fc.record({ type: fc.constant('api-key-revoked' as const), ...keyBase, revokedAt: instant }),
  fc.record({
    type: fc.constant('api-key-roles-changed' as const),
    ...keyBase,
    roles,
    previousRoles: roles,
    changedAt: instant,
  }),
);

export const acknowledgementEvent: fc.Arbitrary<AcknowledgementEvent> = fc.record({
  type: fc.constant('processor-acknowledged' as const),
  schemaVersion: fc.constant(1 as const),
  tenantId: text,
  recipient: text,
  position: fc.nat(),
  acknowledgedAt: instant,
  actor: text,
});

export const processorEvent: fc.Arbitrary<ProcessorEvent> = fc.record({
  type: fc.constant('processor-webhook-configured' as const),
  schemaVersion: fc.constant(1 as const),
  tenantId: text,
  recipient: text,
  url: text,
  secretId: text,
  secretRotated: fc.boolean(),
  occurredAt: instant,
});
