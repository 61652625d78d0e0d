import { DomainError, type DomainErrorCode } from '../shared/domain/domain-error';
import type { MappedProblem } from './problem';
import { PROBLEM_TYPES, type ProblemType } from './problem-types';

interface ProblemShape {
  readonly type: ProblemType;
  readonly title: string;
  readonly status: number;
}

/**
 * How each business-rule refusal reaches the caller. 400: the request names something
 * that does not exist or is malformed; 404: no such subject; 409: the subject's or
 * policy's current state does not allow it; 422: the request is well-formed but a rule of
 * the domain forbids it whatever the state.
 */
const SHAPES: Readonly<Record<DomainErrorCode, ProblemShape>> = {
  'invalid-policy': { type: PROBLEM_TYPES.invalidPolicy, title: 'Invalid policy', status: 400 },
  'policy-version-conflict': {
    type: PROBLEM_TYPES.policyVersionConflict,
    title: 'Wrong policy version',
    status: 409,
  },
  'policy-not-published': {
    type: PROBLEM_TYPES.policyNotPublished,
    title: 'No policy in force',
    status: 409,
  },
  'unknown-category': { type: PROBLEM_TYPES.unknownValue, title: 'Unknown category', status: 400 },
  'unknown-recipient': {
    type: PROBLEM_TYPES.unknownValue,
    title: 'Unknown recipient',
    status: 400,
  },
  'unknown-purpose': { type: PROBLEM_TYPES.unknownValue, title: 'Unknown purpose', status: 400 },
  'unknown-region': { type: PROBLEM_TYPES.unknownValue, title: 'Unknown region', status: 400 },
  'combination-not-offered': {
    type: PROBLEM_TYPES.combinationNotOffered,
    title: 'Combination not offered by the policy',
    status: 400,
  },
  'mandatory-category': {
    type: PROBLEM_TYPES.mandatoryCategory,
    title: 'Mandatory category',
    status: 422,
  },
  'per-transfer-category': {
    type: PROBLEM_TYPES.perTransferCategory,
    title: 'Per-transfer category',
    status: 422,
  },
  'subject-already-registered': {
    type: PROBLEM_TYPES.subjectAlreadyRegistered,
    title: 'Subject already registered',
    status: 409,
  },
  'subject-not-registered': {
    type: PROBLEM_TYPES.subjectNotFound,
    title: 'Subject not found',
    status: 404,
  },
  'subject-erased': { type: PROBLEM_TYPES.subjectErased, title: 'Subject erased', status: 409 },
  'erasure-already-requested': {
    type: PROBLEM_TYPES.erasureAlreadyRequested,
    title: 'Erasure already requested',
    status: 409,
  },
  'invalid-time': { type: PROBLEM_TYPES.invalidTime, title: 'Invalid time', status: 400 },
  'duplicate-id': { type: PROBLEM_TYPES.duplicateId, title: 'Duplicate id', status: 409 },
};

export function fromDomainError(error: unknown): MappedProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const shape = SHAPES[error.code];
  return {
    // Domain messages are written for callers and never hold personal data.
    problem: {
      ...shape,
      detail: error.message,
      extensions: { code: error.code, ...error.details },
    },
    log: 'none',
  };
}
