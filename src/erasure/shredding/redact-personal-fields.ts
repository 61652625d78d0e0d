import { digestPersonalFields } from '../../audit';
import { PERSONAL_FIELDS } from '../../consent/domain';
import type { RedactEvent } from '../../event-store';
import type { RecordedEvent } from '../../event-store/event-store.port';

/**
 * What redaction writes in place of a sealed personal field: `{ "sealedDigest": <hex
 * SHA-256 of the token> }`, the very value the audit leaf commits to (ADR 0011), so the
 * leaf, and every proof over it, stays byte for byte the same. Events without a sealed
 * field left are not rewritten, which makes redaction idempotent.
 */
function redactSealedFields(event: RecordedEvent): ReturnType<RedactEvent> {
  const fields: readonly string[] = Object.hasOwn(PERSONAL_FIELDS, event.type)
    ? PERSONAL_FIELDS[event.type as keyof typeof PERSONAL_FIELDS]
    : [];
  if (!fields.some((field) => typeof event.data[field] === 'string')) return undefined;
  return digestPersonalFields(event.type, event.data);
}

/** An account erasure: every sealed field of every event of the subject's stream. */
export const redactAccount: RedactEvent = redactSealedFields;

const SYNC_TYPES = new Set(['sync-recorded', 'sync-refused']);

/**
 * A category erasure: the sealed location of each sync in an erased category. The data key
 * stays (it seals the subject's other categories), so redaction is what makes these
 * locations unreadable.
 */
export function redactCategories(categories: readonly string[]): RedactEvent {
  const erased = new Set(categories);
  return (event) => {
    const category = event.data.category;
    if (!SYNC_TYPES.has(event.type) || typeof category !== 'string' || !erased.has(category)) {
      return undefined;
    }
    return redactSealedFields(event);
  };
}
