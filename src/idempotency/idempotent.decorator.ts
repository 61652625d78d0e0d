import { UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a route that changes something: it requires an Idempotency-Key, and a retry with
 * the same key and body replays the first response instead of acting again.
 *
 * The interceptor is bound here, to the marked routes only, not as a global one: any
 * global interceptor puts every request of every route (permission checks included)
 * through Nest's RxJS interceptor chain, which costs more than a check itself.
 */
export const Idempotent = (): MethodDecorator => UseInterceptors(IdempotencyInterceptor);
