import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA } from '../public.decorator';
import type { Role } from '../role';
import { ROLES_METADATA } from '../roles.decorator';

/** What an endpoint declares about who may call it; `undeclared` is refused to everyone. */
type EndpointAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'undeclared' };

/**
 * Declarations are decorator metadata, fixed once the classes are defined, so each
 * (handler, controller) pair is read once and remembered: every guard asks on every
 * request, and reading metadata through the Reflector costs more than the rest of a guard.
 */
type Handler = ReturnType<ExecutionContext['getHandler']>;
type ControllerClass = ReturnType<ExecutionContext['getClass']>;

const remembered = new WeakMap<Handler, WeakMap<ControllerClass, EndpointAccess>>();

export function endpointAccess(reflector: Reflector, context: ExecutionContext): EndpointAccess {
  const handler = context.getHandler();
  const controller = context.getClass();
  let byController = remembered.get(handler);
  if (!byController) {
    byController = new WeakMap();
    remembered.set(handler, byController);
  }
  let access = byController.get(controller);
  if (!access) {
    access = declaredAccess(reflector, [handler, controller]);
    byController.set(controller, access);
  }
  return access;
}

function declaredAccess(
  reflector: Reflector,
  targets: [handler: Handler, controller: ControllerClass],
): EndpointAccess {
  if (reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return { kind: 'public' };
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
  return roles && roles.length > 0 ? { kind: 'roles', roles } : { kind: 'undeclared' };
}
