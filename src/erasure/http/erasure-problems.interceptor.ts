import { ErrorMappingInterceptor, ProblemException } from '../../http';
import { erasureProblemOf } from './erasure-problems';

/**
 * Turns the workflow's own errors into problem responses on the erasure routes; everything
 * else (domain errors, store errors) goes on to the service's exception filter unchanged.
 */
export const ErasureProblemsInterceptor = new ErrorMappingInterceptor((error) => {
  const problem = erasureProblemOf(error);
  return problem ? new ProblemException(problem) : error;
});
