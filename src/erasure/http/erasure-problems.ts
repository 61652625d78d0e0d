import { ErasureRefusal, type ErasureRefusalCode } from '../domain/erasure-refusal';
import type { Problem } from '../../http';
import { PROBLEM_TYPES, type ProblemType } from '../../http';
import { SubjectShreddedError } from '../application/subject-shredded.error';

interface ProblemShape {
  readonly type: ProblemType;
  readonly title: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * How the workflow's refusals reach the caller, with the refusal's code as the `code`
 * extension (the problem types are the service's existing stable ones). 404: no such
 * request; 409: the request's state does not allow the step now; 400: the times or deadline
 * given break a rule whatever the state; 403: the caller may not take this step.
 */
const SHAPES: Readonly<Record<ErasureRefusalCode, ProblemShape>> = {
  'erasure-not-found': {
    type: PROBLEM_TYPES.notFound,
    title: 'Erasure request not found',
    status: 404,
  },
  'erasure-already-completed': {
    type: PROBLEM_TYPES.conflict,
    title: 'Erasure already completed',
    status: 409,
  },
  'erasure-already-extended': {
    type: PROBLEM_TYPES.conflict,
    title: 'Erasure deadline already extended',
    status: 409,
  },
  'erasure-deadline-passed': {
    type: PROBLEM_TYPES.conflict,
    title: 'Erasure deadline passed',
    status: 409,
  },
  'invalid-erasure-deadline': {
    type: PROBLEM_TYPES.invalidTime,
    title: 'Invalid erasure deadline',
    status: 400,
  },
  'subject-told-too-late': {
    type: PROBLEM_TYPES.invalidTime,
    title: 'Subject told too late',
    status: 400,
  },
  'recipient-not-notified': {
    type: PROBLEM_TYPES.conflict,
    title: 'Recipient not notified',
    status: 409,
  },
  'erasure-notifications-pending': {
    type: PROBLEM_TYPES.conflict,
    title: 'Erasure notifications pending',
    status: 409,
    headers: { 'retry-after': '1' },
  },
  'erasure-not-confirmed': {
    type: PROBLEM_TYPES.conflict,
    title: 'Erasure not confirmed by every recipient',
    status: 409,
  },
  'override-not-permitted': {
    type: PROBLEM_TYPES.forbidden,
    title: 'Override not permitted',
    status: 403,
  },
  'reason-required': {
    type: PROBLEM_TYPES.validationError,
    title: 'Reason required',
    status: 400,
  },
};

/** The problem for an erasure-workflow error, or undefined for anything else. */
export function erasureProblemOf(error: unknown): Problem | undefined {
  if (error instanceof ErasureRefusal) {
    const { headers, ...shape } = SHAPES[error.code];
    const field = error.details.field;
    return {
      ...shape,
      // Workflow messages are written for callers and never hold personal data.
      detail: error.message,
      extensions: {
        code: error.code,
        ...error.details,
        ...(typeof field === 'string' ? { errors: [{ field, message: error.message }] } : {}),
      },
      ...(headers ? { headers } : {}),
    };
  }
  if (error instanceof SubjectShreddedError) {
    return {
      type: PROBLEM_TYPES.subjectErased,
      title: 'Subject erased',
      status: 409,
      detail: error.message,
      extensions: { code: error.code },
    };
  }
  return undefined;
}
