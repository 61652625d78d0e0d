import { randomBytes } from 'node:crypto';

/**
 * Embedded KEK ids look like `kek-000003-9f2c61ab`: a sequence number that orders them (the
 * highest is current; no clock involved) and a random suffix, so a KEK created in an empty
 * directory never takes the id of a lost one and two concurrent rotations never collide.
 */
const KEK_ID = /^kek-(\d{6})-[0-9a-f]{8}$/;
const KEK_FILE = /^(kek-\d{6}-[0-9a-f]{8})\.key$/;

export function kekFileName(kekId: string): string {
  return `${kekId}.key`;
}

/** The KEK id a directory entry holds, or `undefined` for any other file. */
export function kekIdOfFile(fileName: string): string | undefined {
  return KEK_FILE.exec(fileName)?.[1];
}

/** Newest first: by sequence, then by id so that a tie has one answer everywhere. */
export function compareKekIds(a: string, b: string): number {
  return sequenceOf(b) - sequenceOf(a) || (a < b ? 1 : a > b ? -1 : 0);
}

export function nextKekId(existing: readonly string[]): string {
  const highest = Math.max(0, ...existing.map(sequenceOf));
  const sequence = String(highest + 1).padStart(6, '0');
  return `kek-${sequence}-${randomBytes(4).toString('hex')}`;
}

function sequenceOf(kekId: string): number {
  const match = KEK_ID.exec(kekId);
  if (match === null) throw new RangeError('not an embedded KEK id');
  return Number(match[1]);
}
