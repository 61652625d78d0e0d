import droneAppPolicy from '../../../src/consent/policies/drone-app.policy.json';
import type { Combination, Json } from './harness';

/** The example policy every default tenant starts with (version 1). */
export const EXAMPLE_POLICY = droneAppPolicy;

/** The example policy as the body of a new version. */
export function policyVersion(version: number, changes: Json = {}): Json {
  return { ...structuredClone(droneAppPolicy), version, ...changes };
}

export const CATEGORY_KEYS = droneAppPolicy.categories.map((c) => c.key);
export const RECIPIENT_KEYS = droneAppPolicy.recipients.map((r) => r.key);
export const PURPOSE_KEYS = droneAppPolicy.purposes.map((p) => p.key);

/** Opt-in: flows only with a grant. */
export const DEVICE_INFO: Combination = {
  category: 'device-info',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
};

/** Opt-in, to the third-party map provider in the subject's region. */
export const MAP_LOCATION: Combination = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};

/** The same, to the map provider in mainland China: never for a `row` subject. */
export const MAP_LOCATION_CN: Combination = { ...MAP_LOCATION, recipient: 'map-provider-cn' };

/** Opt-out: flows by default. */
export const APP_PERFORMANCE: Combination = {
  category: 'app-performance',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
};

/** Mandatory: cannot be turned off; only Local Data Mode stops it. */
export const LOCATION_CHECK: Combination = {
  category: 'location-check',
  recipient: 'first-party-row',
  purpose: 'geofencing',
};

/** Per-transfer: only a user-initiated sync lets it flow. */
export const FLIGHT_LOGS: Combination = {
  category: 'flight-logs',
  recipient: 'first-party-row',
  purpose: 'cloud-backup',
};

export const MEDIA: Combination = {
  category: 'media',
  recipient: 'first-party-row',
  purpose: 'cloud-backup',
};
