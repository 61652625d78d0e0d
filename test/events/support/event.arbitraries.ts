import fc from 'fast-check';
import type { ApiKeyEvent } from '../../../src/auth/domain/api-key.events';
import { ROLES } from '../../../src/auth/role';
import {
  CATEGORY_DEFAULTS,
  PRECISIONS,
  type PolicyDocument,
} from '../../../src/consent/domain/policy/policy-document';
import type { PolicyEvent } from '../../../src/consent/domain/policy/policy.events';
import type {
  Actor,
  ErasureScope,
  RefusalReason,
  SubjectEvent,
} from '../../../src/consent/domain/subject/subject.events';
import type { ProcessorEvent } from '../../../src/erasure/processors/domain/processor-webhook.events';
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
const actor = fc.constantFrom<Actor>('subject', 'app', 'privacy-officer', 'import');
const reasons: fc.Arbitrary<RefusalReason[]> = fc.uniqueArray(
  fc.constantFrom<RefusalReason>(
    'no-basis',
    'revoked',
    'expired',
    'lapsed-by-policy-change',
    'local-data-mode',
    'erased',
    'region',
    'precision',
    'per-transfer-only',
    'not-offered',
    'before-registration',
  ),
);
const scope: fc.Arbitrary<ErasureScope> = fc.oneof(
  fc.constant({ kind: 'account' as const }),
  fc.record({ kind: fc.constant('categories' as const), categories: fc.array(text) }),
);

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
  recordIds: fc.array(text),
  sizeBytes: int,
  location: sealed,
  policyVersion: int,
};
const syncRequired = [
  ...(['schemaVersion', 'tenantId', 'subjectId', 'occurredAt'] as const),
  ...(['category', 'recipient', 'purpose', 'syncId', 'precision', 'userInitiated'] as const),
  'policyVersion' as const,
];

export const subjectEvent: fc.Arbitrary<SubjectEvent> = fc.oneof(
  fc.record(
    {
      type: fc.constant('subject-registered' as const),
      ...subjectBase,
      residency: text,
      appSubjectId: sealed,
      email: sealed,
      phone: sealed,
    },
    {
      requiredKeys: [
        'type',
        'schemaVersion',
        'tenantId',
        'subjectId',
        'occurredAt',
        'residency',
        'appSubjectId',
      ],
    },
  ),
  fc.record(
    {
      type: fc.constant('consent-granted' as const),
      ...subjectBase,
      ...permission,
      policyVersion: int,
      expiresAt: instant,
      actor,
    },
    {
      requiredKeys: [
        'type',
        'schemaVersion',
        'tenantId',
        'subjectId',
        'occurredAt',
        'category',
        'recipient',
        'purpose',
        'policyVersion',
        'actor',
      ],
    },
  ),
  fc.record({
    type: fc.constant('consent-revoked' as const),
    ...subjectBase,
    ...permission,
    policyVersion: int,
    actor,
  }),
  fc.record(
    {
      type: fc.constant('sync-recorded' as const),
      ...sync,
      basis: fc.constantFrom('grant', 'opt-out-default', 'mandatory', 'one-off-sync'),
    },
    { requiredKeys: ['type', ...syncRequired, 'basis'] },
  ),
  fc.record(
    { type: fc.constant('sync-refused' as const), ...sync, reasons },
    { requiredKeys: ['type', ...syncRequired, 'reasons'] },
  ),
  fc.record({ type: fc.constant('local-data-mode-switched-on' as const), ...subjectBase }),
  fc.record({ type: fc.constant('local-data-mode-switched-off' as const), ...subjectBase }),
  fc.record({
    type: fc.constant('erasure-requested' as const),
    ...subjectBase,
    erasureId: text,
    scope,
    requestedBy: actor,
  }),
  fc.record({
    type: fc.constant('erasure-processor-notified' as const),
    ...subjectBase,
    erasureId: text,
    recipient: text,
    categories: fc.array(text),
  }),
  fc.record({
    type: fc.constant('erasure-processor-confirmed' as const),
    ...subjectBase,
    erasureId: text,
    recipient: text,
    confirmedAt: instant,
  }),
  fc.record({
    type: fc.constant('erasure-deadline-extended' as const),
    ...subjectBase,
    erasureId: text,
    newDeadline: instant,
    subjectToldAt: instant,
    reason: sealed,
  }),
  fc.record(
    {
      type: fc.constant('erasure-completed' as const),
      ...subjectBase,
      erasureId: text,
      scope,
      completion: fc.constantFrom('all-confirmed' as const, 'override' as const),
      overrideReason: sealed,
      actor,
      recipients: fc.array(
        fc.record(
          { recipient: text, confirmed: fc.boolean(), confirmedAt: instant },
          { requiredKeys: ['recipient', 'confirmed'] },
        ),
      ),
    },
    {
      requiredKeys: [
        'type',
        'schemaVersion',
        'tenantId',
        'subjectId',
        'occurredAt',
        'erasureId',
        'scope',
        'completion',
        'actor',
        'recipients',
      ],
    },
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
