import type { AuthenticatedCaller } from '../authenticated-caller';

/** Who changes a tenant's keys: the tenant, and the principal the events name. */
export type KeyActor = Pick<AuthenticatedCaller, 'tenantId' | 'principal'>;
