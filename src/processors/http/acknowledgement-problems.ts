import {
  ErrorMappingInterceptor,
  PROBLEM_TYPES,
  ProblemException,
  type ProblemType,
} from '../../http';
import {
  AcknowledgementRefusal,
  type AcknowledgementRefusalCode,
} from '../domain/acknowledgement-refusal';

const SHAPES: Readonly<
  Record<AcknowledgementRefusalCode, { type: ProblemType; title: string; status: number }>
> = {
  'recipient-not-found': {
    type: PROBLEM_TYPES.notFound,
    title: 'Recipient not found',
    status: 404,
  },
  'acknowledgement-behind': {
    type: PROBLEM_TYPES.conflict,
    title: 'Position below the last acknowledgement',
    status: 409,
  },
  'acknowledgement-beyond-head': {
    type: PROBLEM_TYPES.conflict,
    title: "Position beyond the feed's head",
    status: 409,
  },
  'idempotency-key-reused': {
    type: PROBLEM_TYPES.idempotencyKeyReused,
    title: 'Idempotency-Key reused with a different request',
    status: 422,
  },
};

/**
 * The acknowledgement routes answer their refusals as problems, with the refusal's code and
 * the current values (`lastAcknowledgedPosition`, `headPosition`) as extensions.
 */
export const AcknowledgementProblemsInterceptor = new ErrorMappingInterceptor((error) => {
  if (!(error instanceof AcknowledgementRefusal)) return error;
  return new ProblemException({
    ...SHAPES[error.code],
    detail: error.message,
    extensions: { code: error.code, ...error.details },
  });
});
