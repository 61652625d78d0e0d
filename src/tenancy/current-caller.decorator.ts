import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CALLER_PROPERTY, type Caller, type RequestWithCaller } from './caller';

/** Injects the request's `Caller` into a controller method. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext) =>
  callerOf(context.switchToHttp().getRequest<RequestWithCaller>()),
);

export function callerOf(request: RequestWithCaller): Caller {
  const caller = request[CALLER_PROPERTY];
  // The guard runs before every handler; reaching here without a caller is a wiring bug.
  if (!caller) throw new Error('no caller resolved for this request');
  return caller;
}
