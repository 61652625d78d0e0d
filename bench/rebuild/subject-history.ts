import { randomBytes, randomUUID } from 'node:crypto';
import type { PolicyDocument } from '../../src/consent/domain/policy/policy-document';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import type { SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import droneAppPolicy from '../../src/consent/policies/drone-app.policy.json';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The combination every benchmark subject grants, syncs and is checked for. */
export const GRANTED = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
} as const;

/** An opt-in combination nobody grants: its syncs are refused, its checks answer "no". */
export const NOT_GRANTED = {
  category: 'device-info',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
} as const;

/** Benchmark histories start a month ago; the policy took effect a day before that. */
export const HISTORY_START = Date.now() - 30 * DAY;

export function policyPublished(tenantId: string): PolicyPublished {
  return {
    type: 'policy-published',
    schemaVersion: 1,
    tenantId,
    occurredAt: new Date(HISTORY_START - DAY).toISOString(),
    policy: droneAppPolicy as PolicyDocument,
  };
}

/** A sealed token as the write side stores it: opaque base64, never read by projections. */
function sealedToken(): string {
  return `v1.${randomBytes(48).toString('base64url')}`;
}

/**
 * A typical subject's first events, oldest first: registration, a grant, a sync recorded
 * on it and a refused one. `length` (1 to 4) cuts the history short.
 */
export function subjectHistory(tenantId: string, length: number): SubjectEvent[] {
  const subjectId = randomUUID();
  const at = (hours: number) => new Date(HISTORY_START + hours * HOUR).toISOString();
  const base = { schemaVersion: 1 as const, tenantId, subjectId };
  const sync = { precision: 'approximate' as const, userInitiated: false, policyVersion: 1 };
  const history: SubjectEvent[] = [
    {
      ...base,
      occurredAt: at(0),
      type: 'subject-registered',
      residency: 'row',
      appSubjectId: sealedToken() as never,
    },
    {
      ...base,
      occurredAt: at(1),
      type: 'consent-granted',
      ...GRANTED,
      policyVersion: 1,
      actor: 'subject',
    },
    {
      ...base,
      occurredAt: at(2),
      type: 'sync-recorded',
      ...GRANTED,
      ...sync,
      syncId: `sync-${randomUUID()}`,
      location: sealedToken() as never,
      basis: 'grant',
    },
    {
      ...base,
      occurredAt: at(3),
      type: 'sync-refused',
      ...NOT_GRANTED,
      ...sync,
      precision: 'precise',
      syncId: `sync-${randomUUID()}`,
      reasons: ['no-basis'],
    },
  ];
  return history.slice(0, Math.max(1, Math.min(length, history.length)));
}
