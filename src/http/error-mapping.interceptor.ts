import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';

/**
 * Lets the routes of one feature answer its own errors as problems: `answer` gives what to
 * throw instead of an error it knows (a `ProblemException`) and the error itself otherwise,
 * which then goes on to the service's exception filter unchanged.
 */
export class ErrorMappingInterceptor implements NestInterceptor {
  constructor(private readonly answer: (error: unknown) => unknown) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.answer(error))));
  }
}
