import type { IsoInstant } from '../../../shared/time/instant';
import type { PolicyDocument } from './policy-document';

/** The one event of a tenant's policy stream. */
export interface PolicyPublished {
  readonly type: 'policy-published';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  /** When this version takes effect (valid time). */
  readonly occurredAt: IsoInstant;
  readonly policy: PolicyDocument;
}

export type PolicyEvent = PolicyPublished;
