import { ProblemException, PROBLEM_TYPES } from '../../../http';
import type { ErasureCursor } from '../../read-model/erasure-requests.table';

/** Opaque to clients: where a page ended, in the listing's order. */
export function encodeCursor(cursor: ErasureCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.deadline, cursor.subjectId, cursor.erasureId]),
  ).toString('base64url');
}

export function decodeCursor(text: string): ErasureCursor {
  try {
    const parts: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === 3 && parts.every((p) => typeof p === 'string')) {
      const [deadline, subjectId, erasureId] = parts as [string, string, string];
      return { deadline, subjectId, erasureId };
    }
  } catch {
    // Not JSON: answered below like any other foreign cursor.
  }
  throw new ProblemException({
    type: PROBLEM_TYPES.validationError,
    title: 'Invalid cursor',
    status: 400,
    detail: 'cursor must be the nextCursor of a previous page, unchanged',
    extensions: { errors: [{ field: 'cursor', message: 'must be a nextCursor' }] },
  });
}
