import type { Precision } from '../policy/policy-document';
import { PolicyHistory } from '../policy/policy-history';
import type { PolicyPublished } from '../policy/policy.events';
import { toIso, toMillis } from '../../../shared/time/instant';
import type { CommandContext, SubjectCommand } from '../subject/subject.commands';
import type { Actor, ErasureScope, Permission } from '../subject/subject.events';
import {
  DAY,
  MAX_CLOCK_SKEW_MS,
  POLICY_V1_FROM,
  SUBJECT_ID,
  TENANT_ID,
  droneAppPolicy,
  droneAppPolicyV2,
  plus,
  policyPublished,
  sealed,
} from './fixtures';

/**
 * A history of one subject as property tests generate it: a clock that moves forward, and at
 * each tick one command of any kind, valid or not, live or imported (back-dated). Version 2
 * of the policy, 60 days after version 1, requires consent again for three categories.
 */
export const SCRIPT_POLICIES: readonly PolicyPublished[] = [
  policyPublished(droneAppPolicy(), POLICY_V1_FROM),
  policyPublished(
    {
      ...droneAppPolicyV2(),
      reconsentRequired: ['approximate-location', 'app-performance', 'device-info'],
    },
    plus(POLICY_V1_FROM, 60 * DAY),
  ),
];
const SCRIPT_HISTORY = PolicyHistory.of(SCRIPT_POLICIES);

/** Where the valid time lies relative to the clock. */
export type Timing =
  | { readonly kind: 'live'; readonly offsetMs: number }
  | { readonly kind: 'import'; readonly offsetMs: number }
  | { readonly kind: 'back-dated-live'; readonly offsetMs: number }
  | { readonly kind: 'too-far-ahead'; readonly offsetMs: number };

export type Draft =
  | { readonly type: 'register-subject'; readonly residency: string }
  | { readonly type: 'grant-consent'; readonly permission: Permission; readonly expiry: Expiry }
  | { readonly type: 'revoke-consent'; readonly permission: Permission }
  | {
      readonly type: 'record-sync';
      readonly permission: Permission;
      readonly syncId: string;
      /** `allowed`: the first precision the category allows. */
      readonly precision: Precision | 'allowed';
      readonly userInitiated: boolean;
    }
  | { readonly type: 'switch-local-data-mode'; readonly on: boolean }
  | { readonly type: 'request-erasure'; readonly erasureId: string; readonly scope: ErasureScope };

export type Expiry = { readonly inMs: number } | 'none' | 'not-an-instant';

export interface ScriptStep {
  /** How far the clock moves before the command. */
  readonly advanceMs: number;
  readonly timing: Timing;
  readonly draft: Draft;
}

export interface SubjectScript {
  readonly startMs: number;
  readonly steps: readonly ScriptStep[];
}

/** The command a step stands for, with the clock at `now`. */
export function toCommand(step: ScriptStep, now: number): SubjectCommand {
  const context: CommandContext = {
    tenantId: TENANT_ID,
    policy: SCRIPT_HISTORY,
    now,
    maxClockSkewMs: MAX_CLOCK_SKEW_MS,
    mayBackdate: step.timing.kind === 'import',
  };
  const occurredAt = toIso(now + step.timing.offsetMs);
  const base = { context, subjectId: SUBJECT_ID, occurredAt };
  const actor: Actor = step.timing.kind === 'import' ? 'import' : 'subject';
  const d = step.draft;
  switch (d.type) {
    case 'register-subject':
      return { ...base, type: d.type, residency: d.residency, appSubjectId: sealed('app-id') };
    case 'grant-consent': {
      const expiresAt =
        d.expiry === 'none'
          ? undefined
          : d.expiry === 'not-an-instant'
            ? 'never'
            : toIso(toMillis(occurredAt) + d.expiry.inMs);
      return { ...base, type: d.type, ...d.permission, ...(expiresAt ? { expiresAt } : {}), actor };
    }
    case 'revoke-consent':
      return { ...base, type: d.type, ...d.permission, actor };
    case 'record-sync':
      return {
        ...base,
        type: d.type,
        ...d.permission,
        syncId: d.syncId,
        precision: d.precision === 'allowed' ? allowedPrecision(d.permission) : d.precision,
        userInitiated: d.userInitiated,
      };
    case 'switch-local-data-mode':
      return { ...base, type: d.type, on: d.on };
    case 'request-erasure':
      return {
        ...base,
        type: d.type,
        erasureId: d.erasureId,
        scope: copy(d.scope),
        requestedBy: actor,
      };
  }
}

/** A plain object: fast-check may build records without a prototype. */
function copy(scope: ErasureScope): ErasureScope {
  return scope.kind === 'account'
    ? { kind: 'account' }
    : { kind: 'categories', categories: [...scope.categories] };
}

function allowedPrecision(permission: Permission): Precision {
  return (
    droneAppPolicy().categories.find((c) => c.key === permission.category)?.precisions[0] ??
    'precise'
  );
}
