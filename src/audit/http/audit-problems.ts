import { ProblemException } from '../../http/problem';
import { PROBLEM_TYPES } from '../../http/problem-types';

export function checkpointNotFound(detail: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.checkpointNotFound,
    title: 'Checkpoint not found',
    status: 404,
    detail,
  });
}

export function treeSizeOutOfRange(field: string, size: number, logSize: number): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.treeSizeOutOfRange,
    title: 'Tree size out of range',
    status: 400,
    detail: `${field} ${size} is beyond the log, which has ${logSize} leaves; ask for at most ${logSize}.`,
    extensions: { field, logSize },
  });
}

export function leafNotFound(detail: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.leafNotFound,
    title: 'Leaf not found',
    status: 404,
    detail,
  });
}

/** A 400 naming every bad query parameter and what it allows. */
export function invalidParameters(
  errors: readonly { field: string; message: string }[],
): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.validationError,
    title: 'Invalid query parameter',
    status: 400,
    detail: [...new Set(errors.map((e) => e.message))].join('; '),
    extensions: { errors },
  });
}
