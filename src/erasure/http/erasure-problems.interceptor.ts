import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { ProblemException } from '../../http/problem';
import { erasureProblemOf } from './erasure-problems';

/**
 * Turns the workflow's own errors into problem responses on the erasure routes; everything
 * else (domain errors, store errors) goes on to the service's exception filter unchanged.
 */
@Injectable()
export class ErasureProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const problem = erasureProblemOf(error);
        return throwError(() => (problem ? new ProblemException(problem) : error));
      }),
    );
  }
}
