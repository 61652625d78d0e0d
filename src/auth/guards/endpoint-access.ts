import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PUBLIC_METADATA } from '../public.decorator';
import type { Role } from '../role';
import { ROLES_METADATA } from '../roles.decorator';

/** What an endpoint declares about who may call it; `undeclared` is refused to everyone. */
export type EndpointAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'undeclared' };

export function endpointAccess(reflector: Reflector, context: ExecutionContext): EndpointAccess {
  const targets = [context.getHandler(), context.getClass()];
  if (reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return { kind: 'public' };
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
  return roles && roles.length > 0 ? { kind: 'roles', roles } : { kind: 'undeclared' };
}
