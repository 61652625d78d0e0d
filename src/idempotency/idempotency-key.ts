import { ProblemException, PROBLEM_TYPES } from '../http';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Visible ASCII, as the IETF Idempotency-Key draft recommends (a UUID fits easily). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or a 400 problem naming the header and what it allows. */
export function requireIdempotencyKey(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') {
    throw new ProblemException({
      type: PROBLEM_TYPES.idempotencyKeyMissing,
      title: 'Idempotency-Key header required',
      status: 400,
      detail:
        'Every request that changes something needs an Idempotency-Key header: a unique value per request (e.g. a UUID), sent again unchanged when retrying it.',
    });
  }
  if (!VALID_KEY.test(value)) {
    throw new ProblemException({
      type: PROBLEM_TYPES.validationError,
      title: 'Invalid Idempotency-Key header',
      status: 400,
      detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces).',
      extensions: {
        errors: [
          { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ],
      },
    });
  }
  return value;
}
