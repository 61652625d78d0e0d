import { isIn, isISO8601, isUUID, matches } from 'class-validator';
import { PRECISIONS } from '../../../consent/domain';
import { POLICY_KEY } from '../../../consent';
import type { CheckRequest } from './check.request.dto';

const FIELDS: ReadonlySet<string> = new Set([
  'subjectId',
  'category',
  'recipient',
  'purpose',
  'precision',
  'at',
]);

/**
 * The body of `POST /v1/checks` when it passes every rule of `CheckRequest`, checked with
 * the very class-validator functions its decorators call; undefined when it does not, or
 * holds anything unusual (then the validation pipe judges it and words the 400). Checks are
 * small and many: class-transformer and class-validator's metadata walk cost one more
 * than the rest of the HTTP handling of a route. It accepts nothing the pipe refuses.
 */
export function wellFormedCheckRequest(body: unknown): CheckRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  if (Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!FIELDS.has(key)) return undefined;
  const { subjectId, category, recipient, purpose, precision, at } = fields;
  const wellFormed =
    isUUID(subjectId, 'all') &&
    isPolicyKey(category) &&
    isPolicyKey(recipient) &&
    isPolicyKey(purpose) &&
    (!('precision' in fields) || isIn(precision, PRECISIONS)) &&
    (!('at' in fields) || isISO8601(at, { strict: true }));
  return wellFormed ? (fields as unknown as CheckRequest) : undefined;
}

function isPolicyKey(value: unknown): boolean {
  return typeof value === 'string' && matches(value, POLICY_KEY);
}
