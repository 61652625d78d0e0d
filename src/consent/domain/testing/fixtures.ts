import droneAppPolicyJson from '../../policies/drone-app.policy.json';
import type { CategoryDefinition, PolicyDocument } from '../policy/policy-document';
import { PolicyHistory } from '../policy/policy-history';
import type { PublishPolicy } from '../policy/policy.commands';
import type { PolicyPublished } from '../policy/policy.events';
import { toIso, toMillis, type IsoInstant } from '../../../shared/time/instant';
import { asSealed, type SealedValue } from '../../../shared/domain/sealed-value';
import type { CommandContext } from '../subject/subject.commands';
import type { Permission } from '../subject/subject.events';

/** The fixed clock of the specifications: the policy, the subject, then "now". */
export const POLICY_V1_FROM: IsoInstant = '2026-01-01T00:00:00.000Z';
export const REGISTERED_AT: IsoInstant = '2026-05-01T09:00:00.000Z';
export const POLICY_V2_FROM: IsoInstant = '2026-05-15T00:00:00.000Z';
export const NOW: IsoInstant = '2026-06-01T12:00:00.000Z';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MAX_CLOCK_SKEW_MS = 5 * MINUTE;

export const TENANT_ID = 'tenant-1';
export const SUBJECT_ID = 'subject-pseudonym-1';

/** `instant` moved by `ms` (negative: earlier). */
export function plus(instant: IsoInstant, ms: number): IsoInstant {
  return toIso(toMillis(instant) + ms);
}

export function sealed(name: string): SealedValue {
  return asSealed(`sealed:${name}`);
}

/**
 * The example policy of src/consent/policies, version 1: a fresh copy each call, made with
 * JSON rather than structuredClone, whose objects would come from another realm under Jest
 * and fail strict deep equality.
 */
export function droneAppPolicy(overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  const copy = JSON.parse(JSON.stringify(droneAppPolicyJson)) as PolicyDocument;
  return { ...copy, ...overrides };
}

/** Version 2: nothing changes but location and app-performance need consent again. */
export function droneAppPolicyV2(): PolicyDocument {
  return droneAppPolicy({
    version: 2,
    reconsentRequired: ['approximate-location', 'app-performance'],
  });
}

/** `policy` with one category changed. */
export function withCategory(
  policy: PolicyDocument,
  key: string,
  changes: Partial<CategoryDefinition>,
): PolicyDocument {
  return {
    ...policy,
    categories: policy.categories.map((c) => (c.key === key ? { ...c, ...changes } : c)),
  };
}

/** Published "now": the clock reads `effectiveFrom` unless a test says otherwise. */
export function publishPolicy(
  policy: PolicyDocument,
  effectiveFrom: IsoInstant,
  clock: PublishPolicy['clock'] = {
    now: Date.parse(effectiveFrom),
    maxClockSkewMs: 0,
    mayBackdate: false,
  },
): PublishPolicy {
  return { type: 'publish-policy', tenantId: TENANT_ID, policy, effectiveFrom, clock };
}

export function policyPublished(
  policy: PolicyDocument,
  effectiveFrom: IsoInstant,
): PolicyPublished {
  return {
    type: 'policy-published',
    schemaVersion: 1,
    tenantId: TENANT_ID,
    occurredAt: effectiveFrom,
    policy,
  };
}

/** The drone-app policy in force from POLICY_V1_FROM. */
export function droneAppHistory(): PolicyHistory {
  return PolicyHistory.of([policyPublished(droneAppPolicy(), POLICY_V1_FROM)]);
}

/** Version 1, then version 2 (re-consent for location and app-performance) from `v2From`. */
export function droneAppHistoryWithV2(v2From: IsoInstant = POLICY_V2_FROM): PolicyHistory {
  return PolicyHistory.of([
    policyPublished(droneAppPolicy(), POLICY_V1_FROM),
    policyPublished(droneAppPolicyV2(), v2From),
  ]);
}

/** A live command at NOW under the drone-app policy, without the import permission. */
export function commandContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    tenantId: TENANT_ID,
    policy: droneAppHistory(),
    now: toMillis(NOW),
    maxClockSkewMs: MAX_CLOCK_SKEW_MS,
    mayBackdate: false,
    ...overrides,
  };
}

/** An importer's command: may back-date. */
export function importContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return commandContext({ mayBackdate: true, ...overrides });
}

/** (category, recipient, purpose) combinations the drone-app policy offers, by what they mean. */
export const permissions = {
  /** opt-in */
  deviceInfoForDiagnostics: {
    category: 'device-info',
    recipient: 'first-party-row',
    purpose: 'diagnostics',
  },
  /** opt-in; re-consent in version 2 */
  locationForMapRow: {
    category: 'approximate-location',
    recipient: 'map-provider-row',
    purpose: 'map-display',
  },
  /** opt-in; a recipient in the other region */
  locationForMapCn: {
    category: 'approximate-location',
    recipient: 'map-provider-cn',
    purpose: 'map-display',
  },
  /** opt-in; precise or aggregate */
  uxImprovement: {
    category: 'ux-improvement',
    recipient: 'first-party-row',
    purpose: 'service-improvement',
  },
  /** opt-out; re-consent in version 2 */
  appPerformance: {
    category: 'app-performance',
    recipient: 'first-party-row',
    purpose: 'diagnostics',
  },
  /** mandatory */
  locationCheck: {
    category: 'location-check',
    recipient: 'first-party-row',
    purpose: 'geofencing',
  },
  /** per-transfer */
  flightLogsBackup: {
    category: 'flight-logs',
    recipient: 'first-party-row',
    purpose: 'cloud-backup',
  },
} as const satisfies Record<string, Permission>;
