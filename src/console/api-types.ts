/**
 * The shapes of the API answers the console reads, written from the OpenAPI document
 * (/openapi.json). The console imports nothing from the service, so they are declared here.
 */
export type StandingBasis = 'grant' | 'opt-out-default' | 'mandatory';
export type Basis = StandingBasis | 'one-off-sync';

export interface Combination {
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
}

export interface Cause {
  readonly kind: 'event' | 'policy-version' | 'expiry' | 'lapse';
  readonly revision?: number;
  readonly eventId?: string;
  readonly type?: string;
  readonly version?: number;
}

export interface FlowWindow {
  readonly start: string;
  readonly end?: string;
  readonly openedBy: Cause;
  readonly closedBy?: Cause;
  readonly bases: readonly { readonly from: string; readonly basis: StandingBasis }[];
}

export interface OneOffFlow {
  readonly at: string;
  readonly revision: number;
  readonly eventId: string;
  readonly syncId: string;
  readonly precision: string;
}

export interface CombinationWindows extends Combination {
  readonly windows: readonly FlowWindow[];
  readonly oneOffFlows: readonly OneOffFlow[];
}

export interface FlowWindows {
  readonly subjectId: string;
  readonly answeredAtPosition: string;
  readonly combinations: readonly CombinationWindows[];
}

export interface Flow extends Combination {
  readonly eventId: string;
  readonly revision: number;
  readonly outcome: 'recorded' | 'refused';
  readonly syncId: string;
  readonly precision: string;
  readonly userInitiated: boolean;
  readonly policyVersion: number;
  readonly basis?: Basis;
  readonly reasons?: readonly string[];
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface FlowsPage {
  readonly flows: readonly Flow[];
  readonly nextCursor?: string;
}

export interface Violation extends Combination {
  readonly subjectId: string;
  readonly eventId: string;
  readonly revision: number;
  readonly syncId: string;
  readonly basis: Basis;
  readonly occurredAt: string;
  readonly why: { readonly reason: string; readonly distanceMs?: number };
}

export interface ViolationsPage {
  readonly violations: readonly Violation[];
  readonly nextCursor?: string;
}

export interface ConsentSummary {
  readonly asOf: string;
  readonly subjects: {
    readonly registered: number;
    readonly active: number;
    readonly localDataMode: number;
    readonly erased: number;
  };
  readonly combinations: readonly (Combination & {
    readonly permitted: number;
    readonly notPermitted: number;
    readonly permittedByBasis: {
      readonly grant: number;
      readonly optOutDefault: number;
      readonly mandatory: number;
    };
  })[];
}

export interface Erasure {
  readonly subjectId: string;
  readonly erasureId: string;
  readonly scope: 'account' | 'categories';
  readonly requestedAt: string;
  readonly deadline: string;
  readonly state: 'open' | 'completed';
  readonly overdue: boolean;
}

export interface ErasuresPage {
  readonly erasures: readonly Erasure[];
  readonly now: string;
  readonly nextCursor: string | null;
}

export interface PolicyVersion {
  readonly version: number;
  readonly effectiveFrom: string;
}

export interface CheckAnswer extends Combination {
  readonly subjectId: string;
  readonly at: string;
  readonly permitted: boolean;
  readonly basis?: Basis;
  readonly since?: string;
  readonly until?: string;
  readonly reasons: readonly string[];
  readonly policyVersion: number | null;
  readonly evidence: readonly {
    readonly eventId: string;
    readonly revision: number;
    readonly type: string;
  }[];
}

/** One event line of an export bundle (docs/adr/0014): the event as the store holds it. */
export interface BundleEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly streamRevision: number;
  readonly globalPosition: string;
  readonly recordedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}
