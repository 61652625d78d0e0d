import { ErrorMappingInterceptor, PROBLEM_TYPES, type Problem, ProblemException } from '../../http';
import { RecordsRefusal, type RecordsRefusalCode } from '../records.errors';

const SHAPES: Readonly<
  Record<RecordsRefusalCode, { type: Problem['type']; title: string; status: number }>
> = {
  'event-not-found': { type: PROBLEM_TYPES.notFound, title: 'Event not found', status: 404 },
  'not-a-consent-decision': {
    type: PROBLEM_TYPES.notFound,
    title: 'No receipt for this event',
    status: 404,
  },
  // Gone for good: the subject was erased, and what was erased does not come back.
  'subject-erased': { type: PROBLEM_TYPES.subjectErased, title: 'Subject erased', status: 410 },
};

/**
 * Turns the refusals of the receipt and record queries into problems on their routes;
 * everything else (an unknown subject, store errors) goes on to the exception filter.
 */
export const RecordsProblemsInterceptor = new ErrorMappingInterceptor((error) => {
  if (!(error instanceof RecordsRefusal)) return error;
  return new ProblemException({
    ...SHAPES[error.code],
    // Refusal messages name ids only and never hold personal data.
    detail: error.message,
    extensions: { code: error.code },
  });
});
