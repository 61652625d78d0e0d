import { ProblemException, PROBLEM_TYPES } from '../../http';

/**
 * Where a page ends, as an opaque `nextCursor`: base64url JSON naming the list it belongs to
 * and the key of the last item given. Keyset paging: a page after it starts right after
 * that key, whatever was added meanwhile, so no item is skipped or given twice.
 */
export function encodeCursor(list: string, after: unknown): string {
  return Buffer.from(JSON.stringify({ list, after })).toString('base64url');
}

/** The key a cursor holds; a 400 for anything that is not a cursor of `list`. */
export function decodeCursor<Key>(
  list: string,
  cursor: string,
  isKey: (value: unknown) => value is Key,
): Key {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { list: named, after } = (decoded ?? {}) as { list?: unknown; after?: unknown };
  if (named === list && isKey(after)) return after;
  throw new ProblemException({
    type: PROBLEM_TYPES.validationError,
    title: 'Invalid query parameter',
    status: 400,
    detail: 'cursor must be a nextCursor this endpoint returned; omit it for the first page',
    extensions: { errors: [{ field: 'cursor', message: 'must be a nextCursor of this list' }] },
  });
}

export function isRevision(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
