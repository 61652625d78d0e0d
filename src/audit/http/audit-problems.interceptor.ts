import { ErrorMappingInterceptor } from '../../http';
import { auditProblemOf } from './audit-problems';

/** The audit queries' own errors as problems, on the audit routes. */
export const AuditProblemsInterceptor = new ErrorMappingInterceptor(auditProblemOf);
