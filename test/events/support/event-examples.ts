import type { ApiKeyEvent } from '../../../src/auth/domain/api-key.events';
import type { PolicyEvent } from '../../../src/consent/domain/policy/policy.events';
import {
  completed,
  confirmed,
  extended,
  notified,
} from '../../../src/erasure/domain/testing/erasure-builders';
import {
  erasureRequested,
  granted,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
  revoked,
  syncRecorded,
  syncRefused,
} from '../../../src/consent/domain/testing/event-builders';
import {
  NOW,
  POLICY_V1_FROM,
  POLICY_V2_FROM,
  droneAppPolicy,
  droneAppPolicyV2,
  permissions,
  policyPublished,
  sealed,
} from '../../../src/consent/domain/testing/fixtures';
import type { SubjectEvent } from '../../../src/consent/domain/subject/subject.events';
import type { ProcessorEvent } from '../../../src/erasure/processors/domain/processor-webhook.events';
import type { AcknowledgementEvent } from '../../../src/processors/domain/processor-acknowledgement.events';
import type { SealedValue } from '../../../src/shared/domain/sealed-value';

/**
 * A sealed field after redaction (docs/adr/0017): the digest object stands in its place. The
 * domain types such a field as a sealed value still (its readers check for a string).
 */
const redacted = (): SealedValue => ({ sealedDigest: 'a1'.repeat(32) }) as unknown as SealedValue;

/**
 * Examples of every event type, as the domain records them (built with the domain's own
 * builders where they exist), with and without their optional fields, and with sealed
 * fields redacted as they are after an erasure.
 */
export const SUBJECT_EXAMPLES: readonly SubjectEvent[] = [
  registered(),
  {
    ...registered({ residency: 'cn' }),
    email: sealed('email'),
    phone: sealed('phone'),
  },
  { ...registered(), appSubjectId: redacted(), email: redacted() },
  granted(permissions.deviceInfoForDiagnostics),
  granted(permissions.locationForMapRow, { expiresAt: '2026-07-01T00:00:00.000Z', actor: 'app' }),
  revoked(permissions.deviceInfoForDiagnostics, { actor: 'import', policyVersion: 2 }),
  syncRecorded(permissions.deviceInfoForDiagnostics, 'grant'),
  {
    ...syncRecorded(permissions.locationForMapRow, 'one-off-sync', { userInitiated: true }),
    recordIds: ['r-1', 'r-2'],
    sizeBytes: 2048,
    location: sealed('location'),
  },
  { ...syncRecorded(permissions.locationCheck, 'mandatory'), location: redacted() },
  syncRefused(permissions.deviceInfoForDiagnostics, ['no-basis', 'local-data-mode']),
  syncRefused(permissions.appPerformance, []),
  localDataModeSwitchedOn(),
  localDataModeSwitchedOff(),
  erasureRequested({ kind: 'account' }),
  erasureRequested(
    { kind: 'categories', categories: ['approximate-location'] },
    { requestedBy: 'privacy-officer' },
  ),
  notified('analytics-processor', ['device-info']),
  confirmed('analytics-processor', { confirmedAt: '2026-06-02T00:00:00.000Z' }),
  extended(),
  { ...extended(), reason: redacted() },
  completed([{ recipient: 'analytics-processor', confirmed: true, confirmedAt: NOW }]),
  completed([{ recipient: 'analytics-processor', confirmed: false }], {
    scope: { kind: 'categories', categories: ['device-info'] },
    overrideReason: 'processor unreachable',
  }),
];

export const POLICY_EXAMPLES: readonly PolicyEvent[] = [
  policyPublished(droneAppPolicy(), POLICY_V1_FROM),
  policyPublished(droneAppPolicyV2(), POLICY_V2_FROM),
];

const key = { schemaVersion: 1 as const, tenantId: 'acme', keyId: '00000000000000c3' };

export const API_KEY_EXAMPLES: readonly ApiKeyEvent[] = [
  ...[null, '2027-01-01T00:00:00.000Z'].map((expiresAt): ApiKeyEvent => ({
    type: 'api-key-created',
    ...key,
    name: 'backend',
    roles: ['app', 'auditor'],
    secretDigest: 'cd'.repeat(32),
    createdAt: NOW,
    expiresAt,
    actor: 'operator',
  })),
  { type: 'api-key-revoked', ...key, revokedAt: NOW, actor: 'oidc:abc' },
  {
    type: 'api-key-roles-changed',
    ...key,
    roles: ['tenant-admin', 'privacy-officer'],
    previousRoles: ['tenant-admin'],
    changedAt: NOW,
    actor: 'key:00000000000000a1',
  },
  {
    type: 'api-key-created',
    ...key,
    name: 'map-provider',
    roles: ['processor'],
    secretDigest: 'ef'.repeat(32),
    createdAt: NOW,
    expiresAt: null,
    actor: 'key:00000000000000a1',
    recipient: 'map-provider-row',
  },
];

export const PROCESSOR_EXAMPLES: readonly ProcessorEvent[] = [
  {
    type: 'processor-webhook-configured',
    schemaVersion: 1,
    tenantId: 'acme',
    recipient: 'analytics-processor',
    url: 'https://hooks.processor.invalid/erasure',
    secretId: '6f1c2a64-4ad2-4a0e-9e42-7c1d1a3c9b10',
    secretRotated: true,
    occurredAt: NOW,
  },
];

export const ACKNOWLEDGEMENT_EXAMPLES: readonly AcknowledgementEvent[] = [
  {
    type: 'processor-acknowledged',
    schemaVersion: 1,
    tenantId: 'acme',
    recipient: 'map-provider-row',
    position: 1042,
    acknowledgedAt: NOW,
    actor: 'key:00000000000000c3',
  },
];
