import type { IsoInstant } from '../shared/instant';
import type { PolicyDocument } from './policy-document';

export interface PublishPolicy {
  readonly type: 'publish-policy';
  readonly tenantId: string;
  readonly policy: PolicyDocument;
  /** When the version takes effect; not before the previous version's. */
  readonly effectiveFrom: IsoInstant;
}

export type PolicyCommand = PublishPolicy;
