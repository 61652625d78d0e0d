import type { IsoInstant } from '../../../shared/time/instant';
import type { PolicyDocument } from './policy-document';

export interface PublishPolicy {
  readonly type: 'publish-policy';
  readonly tenantId: string;
  readonly policy: PolicyDocument;
  /** When the version takes effect; not before the previous version's. */
  readonly effectiveFrom: IsoInstant;
  /**
   * The clock reading when the command arrived. A version may be scheduled for the future,
   * but taking effect in the past would rewrite past answers: only importers may do that.
   */
  readonly clock: {
    readonly now: number;
    readonly maxClockSkewMs: number;
    readonly mayBackdate: boolean;
  };
}

export type PolicyCommand = PublishPolicy;
