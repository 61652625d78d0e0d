import type { CategoryDefinition, PolicyDocument } from '../policy/policy-document';
import type { PolicyHistory } from '../policy/policy-history';
import { toMillis } from '../../../shared/time/instant';
import type {
  Basis,
  ConsentGranted,
  ConsentRevoked,
  RefusalReason,
} from '../subject/subject.events';
import type { SubjectState } from '../subject/subject.state';
import { factsByValidTime } from '../valid-time/facts-by-valid-time';
import { localDataModeAfter, localDataModeRefusal } from './local-data-mode';
import type { PermissionAnswer, PermissionQuestion } from './permission-question';

/**
 * Domain rule 1: a flow is permitted at T only if a valid basis existed at T (an active
 * grant, an opt-out default not turned off, a mandatory category, or a user-initiated
 * sync's one-off consent); and Local Data Mode was off; and the subject was not erased;
 * and the recipient's region is the subject's residency; and the precision is allowed.
 * Only facts with a valid time at or before T count.
 */
export function evaluatePermission(
  state: SubjectState,
  policy: PolicyHistory,
  question: PermissionQuestion,
): PermissionAnswer {
  const registration = state.registration;
  if (!registration || registration.registeredAt > question.at) {
    return refused(['before-registration'], [], undefined);
  }
  const version = policy.inForceAt(question.at);
  const category = version && offered(version.document, question);
  if (!version || !category) {
    return refused(['not-offered'], [0], version?.document.version);
  }

  const known = collectFacts(state, question);
  const evidence = [0, ...known.evidence];
  const blockers = blockersOf(
    known.localDataMode,
    known.erased,
    version.document,
    category,
    registration.residency,
    question,
  );

  const basis = findBasis(category, known.choice, policy, question);
  const reasons = [...(basis.reason ? [basis.reason] : []), ...blockers];
  if (basis.basis && blockers.length === 0) {
    return {
      permitted: true,
      basis: basis.basis,
      reasons: [],
      policyVersion: version.document.version,
      evidence,
    };
  }
  return refused(reasons, evidence, version.document.version);
}

function refused(
  reasons: RefusalReason[],
  evidence: number[],
  policyVersion: number | undefined,
): PermissionAnswer {
  return { permitted: false, reasons, evidence, ...(policyVersion ? { policyVersion } : {}) };
}

/** The category, if the policy offers this (category, recipient, purpose) combination. */
export function offered(
  document: PolicyDocument,
  question: { category: string; recipient: string; purpose: string },
): CategoryDefinition | undefined {
  const category = document.categories.find((c) => c.key === question.category);
  if (!category) return undefined;
  if (!category.recipients.includes(question.recipient)) return undefined;
  if (!category.purposes.includes(question.purpose)) return undefined;
  return category;
}

/**
 * The clauses of rule 1 besides the basis, in the order it lists them: Local Data Mode (see
 * local-data-mode.ts), erasure, the recipient's region, the precision. Each that holds
 * refuses the flow, whatever its basis.
 */
export function blockersOf(
  localDataMode: boolean,
  erased: boolean,
  document: PolicyDocument,
  category: CategoryDefinition,
  residency: string,
  question: Pick<PermissionQuestion, 'recipient' | 'precision'>,
): RefusalReason[] {
  const blockers: RefusalReason[] = [];
  const stoppedByLocalDataMode = localDataModeRefusal(localDataMode);
  if (stoppedByLocalDataMode) blockers.push(stoppedByLocalDataMode);
  if (erased) blockers.push('erased');
  const recipient = document.recipients.find((r) => r.key === question.recipient);
  if (recipient?.region !== residency) blockers.push('region');
  if (question.precision && !category.precisions.includes(question.precision)) {
    blockers.push('precision');
  }
  return blockers;
}

interface KnownFacts {
  localDataMode: boolean;
  erased: boolean;
  /** The newest grant or revoke of exactly this combination, with its revision. */
  choice?: { event: ConsentGranted | ConsentRevoked; revision: number };
  evidence: number[];
}

function collectFacts(state: SubjectState, question: PermissionQuestion): KnownFacts {
  const known: KnownFacts = { localDataMode: false, erased: false, evidence: [] };
  let localDataModeRevision: number | undefined;
  let erasureRevision: number | undefined;
  for (const { event, revision, at } of factsByValidTime(state.facts)) {
    if (at > question.at) break;
    const localDataMode = localDataModeAfter(event);
    if (localDataMode !== undefined) {
      known.localDataMode = localDataMode;
      localDataModeRevision = revision;
      continue;
    }
    switch (event.type) {
      case 'erasure-requested':
        if (event.scope.kind === 'account' || event.scope.categories.includes(question.category)) {
          known.erased = true;
          erasureRevision ??= revision;
        }
        break;
      case 'consent-granted':
      case 'consent-revoked':
        if (
          event.category === question.category &&
          event.recipient === question.recipient &&
          event.purpose === question.purpose
        ) {
          known.choice = { event, revision };
        }
        break;
      default:
        break;
    }
  }
  if (known.choice) known.evidence.push(known.choice.revision);
  if (known.localDataMode && localDataModeRevision !== undefined) {
    known.evidence.push(localDataModeRevision);
  }
  if (erasureRevision !== undefined) known.evidence.push(erasureRevision);
  return known;
}

function findBasis(
  category: CategoryDefinition,
  choice: KnownFacts['choice'],
  policy: PolicyHistory,
  question: PermissionQuestion,
): { basis?: Basis; reason?: RefusalReason } {
  if (category.default === 'mandatory') return { basis: 'mandatory' };
  if (category.default === 'per-transfer') {
    return question.userInitiated ? { basis: 'one-off-sync' } : { reason: 'per-transfer-only' };
  }
  const standing = standingBasis(category, choice, policy, question.at);
  if (standing.basis) return standing;
  return question.userInitiated ? { basis: 'one-off-sync' } : standing;
}

/** Grant, revoke or default for an opt-in / opt-out category at `at`. */
function standingBasis(
  category: CategoryDefinition,
  choice: KnownFacts['choice'],
  policy: PolicyHistory,
  at: number,
): { basis?: Basis; reason?: RefusalReason } {
  const fallback = (reason: RefusalReason) =>
    category.default === 'opt-out' ? { basis: 'opt-out-default' as const } : { reason };
  if (!choice) return fallback('no-basis');
  const event = choice.event;
  if (event.type === 'consent-revoked') return { reason: 'revoked' };
  if (event.expiresAt !== undefined && toMillis(event.expiresAt) <= at) return fallback('expired');
  const lapse = policy.lapseOf(event.category, event.policyVersion, toMillis(event.occurredAt));
  if (lapse !== undefined && lapse <= at) return fallback('lapsed-by-policy-change');
  return { basis: 'grant' };
}
