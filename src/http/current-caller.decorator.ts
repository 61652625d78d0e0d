import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { callerOf, type RequestWithCaller } from '../shared/tenancy/caller';

/** Injects the request's `Caller` into a controller method. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext) =>
  callerOf(context.switchToHttp().getRequest<RequestWithCaller>()),
);
