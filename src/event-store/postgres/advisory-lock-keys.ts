import { createHash } from 'node:crypto';

/**
 * Advisory lock keys are one 64-bit space shared by the whole database, so every key is a
 * hash of what it protects, including the schema: stores in different schemas never wait
 * for each other (a hash collision would only serialise two writers, never break anything).
 */
function key(...parts: string[]): bigint {
  return createHash('sha256').update(parts.join('\u0000')).digest().readBigInt64BE(0);
}

/** Serialises the writers of one stream, so checking its revision and inserting is atomic. */
export function streamLockKey(schema: string, streamName: string): bigint {
  return key('stream', schema, streamName);
}

/** Serialises processes migrating the same schema at start-up. */
export function migrationLockKey(schema: string): bigint {
  return key('migrate', schema);
}
