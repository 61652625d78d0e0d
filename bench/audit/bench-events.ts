import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../src/event-store/event-store.port';

export const BENCH_TENANT = 'bench';
const BASE_MS = Date.parse('2026-01-01T00:00:00.000Z');
const COMBINATIONS = [
  { category: 'device-info', recipient: 'first-party-row', purpose: 'diagnostics' },
  { category: 'approximate-location', recipient: 'map-provider-row', purpose: 'map-display' },
  { category: 'flight-records', recipient: 'first-party-row', purpose: 'cloud-backup' },
] as const;

/**
 * Event `n` of a tenant log as the service records it: a mix of registrations (three sealed
 * personal fields), grants and syncs (one sealed location), with realistic field sizes.
 * Deterministic, so every run hashes the same bytes.
 */
export function benchEvent(n: number): RecordedEvent {
  const subjectId = uuidOf(`subject-${Math.floor(n / 8)}`);
  const occurredAt = new Date(BASE_MS + n * 1000).toISOString();
  const base = { schemaVersion: 1, tenantId: BENCH_TENANT, subjectId, occurredAt };
  const combination = COMBINATIONS[n % COMBINATIONS.length]!;
  const kind = n % 8;
  const data =
    kind === 0
      ? {
          ...base,
          type: 'subject-registered',
          residency: 'row',
          appSubjectId: sealedToken(n, 'app'),
          email: sealedToken(n, 'email'),
          phone: sealedToken(n, 'phone'),
        }
      : kind < 5
        ? { ...base, type: 'consent-granted', ...combination, policyVersion: 1, actor: 'subject' }
        : {
            ...base,
            type: 'sync-recorded',
            ...combination,
            syncId: `sync-${n}`,
            precision: 'aggregate',
            userInitiated: false,
            policyVersion: 1,
            location: sealedToken(n, 'location'),
            basis: 'grant',
          };
  return {
    id: uuidOf(`event-${n}`),
    type: data.type,
    streamName: `subject-${BENCH_TENANT}-${subjectId}`,
    streamRevision: n % 8,
    globalPosition: BigInt(n + 1),
    recordedAt: new Date(BASE_MS + n),
    data,
    metadata: { tenantId: BENCH_TENANT },
  };
}

/** A token shaped like the field cipher's output: version, key id, base64 ciphertext. */
function sealedToken(n: number, field: string): string {
  const bytes = createHash('sha512').update(`${field}-${n}`).digest();
  return `v1.${bytes.subarray(0, 8).toString('hex')}.${Buffer.concat([bytes, bytes]).toString('base64')}`;
}

function uuidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
