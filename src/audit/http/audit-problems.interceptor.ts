import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { auditProblemOf } from './audit-problems';

/**
 * Turns the audit queries' own errors into problem responses on the audit routes;
 * everything else goes on to the service's exception filter unchanged.
 */
@Injectable()
export class AuditProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => auditProblemOf(error))));
  }
}
