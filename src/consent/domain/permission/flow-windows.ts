import type { CategoryDefinition, Precision } from '../policy/policy-document';
import type { PolicyHistory, PolicyVersion } from '../policy/policy-history';
import { toMillis } from '../../../shared/time/instant';
import type {
  Basis,
  ConsentGranted,
  ConsentRevoked,
  Permission,
  RefusalReason,
  SubjectEvent,
  SubjectEventType,
} from '../subject/subject.events';
import type { SubjectState } from '../subject/subject.state';
import { factsByValidTime } from '../valid-time/facts-by-valid-time';
import type { ValidTimeInterval } from '../valid-time/valid-time-interval';
import { blockersOf, offered } from './evaluate-permission';
import { localDataModeAfter } from './local-data-mode';

/**
 * Flow windows: the auditor's question "when could this data have flowed?" for one subject
 * and one (category, recipient, purpose). A window is a maximal half-open interval
 * [start, end) of valid time in which a *standing* basis (grant, opt-out default, mandatory)
 * permitted the flow by domain rule 1 — exactly where `evaluatePermission` without
 * `userInitiated` answers "permitted", to the millisecond. One-off consents (user-initiated
 * syncs) are instants, not windows, and are listed apart.
 *
 * The answer of rule 1 can only change where one of its inputs does: a fact's valid time,
 * a grant's expiry, a grant's lapse, a policy version taking effect. Between two such
 * instants it is constant, so one sweep over them in time order finds every window.
 */

/** The bases a window can rest on; a one-off sync is an instant, never a window. */
export type StandingBasis = Exclude<Basis, 'one-off-sync'>;

/** What opened or closed a window. */
export type WindowCause =
  /** A fact of the subject's stream: a grant, a revoke, a Local Data Mode switch, … */
  | { readonly kind: 'event'; readonly revision: number; readonly type: SubjectEventType }
  /** A policy version took effect (the combination, a default or a region changed). */
  | { readonly kind: 'policy-version'; readonly version: number }
  /** The grant at `revision` reached its `expiresAt`. */
  | { readonly kind: 'expiry'; readonly revision: number }
  /** The grant at `revision` lapsed when `version`, which requires re-consent, took effect. */
  | { readonly kind: 'lapse'; readonly revision: number; readonly version: number };

/** Epoch ms, [start, end); no `end` while the window is still open. */
export interface FlowWindow extends ValidTimeInterval {
  readonly openedBy: WindowCause;
  readonly closedBy?: WindowCause;
  /** The basis in force from each instant on, in time order; the first is at `start`. */
  readonly bases: readonly { readonly from: number; readonly basis: StandingBasis }[];
}

/**
 * Where the basis at `index` of a window's `bases` stops being in force: where the next one
 * starts, else where the window ends (undefined: still open). Instants as epoch ms or as
 * stored ISO-8601 text alike.
 */
export function basisUntil<T extends number | string>(
  window: { readonly end?: T; readonly bases: readonly { readonly from: T }[] },
  index: number,
): T | undefined {
  return window.bases[index + 1]?.from ?? window.end;
}

/** A sync recorded as permitted on its own one-off consent: a flow at one instant. */
interface OneOffFlow {
  /** Epoch ms (the sync's valid time). */
  readonly at: number;
  readonly revision: number;
  readonly syncId: string;
  readonly precision: Precision;
}

export interface FlowWindowsQuestion extends Permission {
  /** Omitted: any precision the category allows (as in `evaluatePermission`). */
  readonly precision?: Precision;
}

interface FlowWindows {
  readonly windows: readonly FlowWindow[];
  readonly oneOffFlows: readonly OneOffFlow[];
}

export interface CombinationFlowWindows extends FlowWindows, Permission {}

/** The windows of one combination for the subject, from everything `state` holds. */
export function flowWindows(
  state: SubjectState,
  policy: PolicyHistory,
  question: FlowWindowsQuestion,
): FlowWindows {
  return windowsOver(sortedFacts(state), state, policy, question);
}

/**
 * The windows of every combination any policy version ever offered, in (category, recipient,
 * purpose) order, each with its one-off flows. Combinations the subject could never use have
 * no windows and are listed all the same, so the answer also says what was never possible.
 */
export function allFlowWindows(
  state: SubjectState,
  policy: PolicyHistory,
): CombinationFlowWindows[] {
  const facts = sortedFacts(state);
  let combinations = offeredByHistory.get(policy);
  if (!combinations) offeredByHistory.set(policy, (combinations = combinationsEverOffered(policy)));
  return combinations.map((combination) => ({
    ...combination,
    ...windowsOver(facts, state, policy, combination),
  }));
}

/**
 * The combinations of each history (histories never change): a rebuild asks for every
 * subject's windows under the same one.
 */
const offeredByHistory = new WeakMap<PolicyHistory, readonly Permission[]>();

/** Every (category, recipient, purpose) some version of the policy offered, sorted. */
export function combinationsEverOffered(policy: PolicyHistory): Permission[] {
  const seen = new Map<string, Permission>();
  for (const { document } of policy.versions) {
    for (const category of document.categories) {
      for (const recipient of category.recipients) {
        for (const purpose of category.purposes) {
          const combination = { category: category.key, recipient, purpose };
          seen.set(combinationKey(combination), combination);
        }
      }
    }
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * "As known at" transaction time `at` (epoch ms): the events of one stream the ledger had
 * recorded by then. A stream is learned in order, so this is its longest prefix recorded
 * at or before `at`; revisions stay those of the stream. Feed the result to the same
 * computation to get the windows as the ledger knew them then.
 */
export function knownBy<E extends { readonly recordedAt: Date }>(
  events: readonly E[],
  at: number,
): E[] {
  const firstUnknown = events.findIndex((event) => event.recordedAt.getTime() > at);
  return firstUnknown < 0 ? [...events] : events.slice(0, firstUnknown);
}

function combinationKey(c: Permission): string {
  return `${c.category}\u0000${c.recipient}\u0000${c.purpose}`;
}

type SortedFacts = ReturnType<typeof factsByValidTime>;

function sortedFacts(state: SubjectState): SortedFacts {
  return factsByValidTime(state.facts);
}

/** Rule 1's answer over one stretch of time between two instants where anything changes. */
interface Verdict {
  readonly permitted: boolean;
  readonly basis?: StandingBasis;
  readonly reasons: readonly RefusalReason[];
}

const BEFORE_ANYTHING: Verdict = { permitted: false, reasons: ['before-registration'] };

interface Choice {
  readonly event: ConsentGranted | ConsentRevoked;
  readonly revision: number;
  readonly expiresAt?: number;
  readonly lapse?: { readonly at: number; readonly version: number };
}

/** What happened at one instant of the sweep, to tell which change opened or closed a window. */
interface ChangesAt {
  readonly at: number;
  /** Revisions of the facts of this combination's rule applied at this instant. */
  readonly facts: number[];
  choice: boolean;
  localDataMode: boolean;
  erasure: boolean;
  /** The version that took effect at this instant, if one did. */
  version?: number;
}

/** The facts rule 1 has read up to the current instant of the sweep. */
interface SweepState {
  localDataMode?: { readonly on: boolean; readonly revision: number };
  erasureRevision?: number;
  choice?: Choice;
}

function windowsOver(
  facts: SortedFacts,
  state: SubjectState,
  policy: PolicyHistory,
  question: FlowWindowsQuestion,
): FlowWindows {
  const relevant = facts.filter(({ event }) => concerns(event, question));
  const instants = changeInstants(relevant, state, policy, question);
  const registrationRevision = lastRegistrationRevision(state);

  const windows: FlowWindow[] = [];
  const sweep: SweepState = {};
  let open:
    { start: number; openedBy: WindowCause; bases: FlowWindow['bases'][number][] } | undefined;
  let previous = BEFORE_ANYTHING;
  let next = 0;
  for (const at of instants) {
    const changes: ChangesAt = {
      at,
      facts: [],
      choice: false,
      localDataMode: false,
      erasure: false,
    };
    for (; next < relevant.length && relevant[next]!.at <= at; next++) {
      apply(relevant[next]!, sweep, changes, policy);
    }
    const version = policy.inForceAt(at);
    if (version?.effectiveFrom === at) changes.version = version.document.version;
    const verdict = verdictAt(at, version, state, sweep, question);

    if (verdict.permitted && verdict.basis && !open) {
      const explain = { changes, sweep, registrationRevision, state, closing: false };
      const openedBy = causeOf(previous.reasons, explain);
      open = { start: at, openedBy, bases: [{ from: at, basis: verdict.basis }] };
    } else if (verdict.permitted && verdict.basis && open) {
      if (previous.basis !== verdict.basis) open.bases.push({ from: at, basis: verdict.basis });
    } else if (!verdict.permitted && open) {
      const explain = { changes, sweep, registrationRevision, state, closing: true };
      windows.push({ ...open, end: at, closedBy: causeOf(verdict.reasons, explain) });
      open = undefined;
    }
    previous = verdict;
  }
  if (open) windows.push(open);
  return { windows, oneOffFlows: oneOffFlows(facts, question) };
}

/** Whether rule 1 reads this fact when asked about `question`'s combination. */
function concerns(event: SubjectEvent, question: Permission): boolean {
  // Local Data Mode stops every flow, so every combination reads its switches.
  if (localDataModeAfter(event) !== undefined) return true;
  switch (event.type) {
    case 'erasure-requested':
      return event.scope.kind === 'account' || event.scope.categories.includes(question.category);
    case 'consent-granted':
    case 'consent-revoked':
      return sameCombination(event, question);
    default:
      return false;
  }
}

function sameCombination(a: Permission, b: Permission): boolean {
  return a.category === b.category && a.recipient === b.recipient && a.purpose === b.purpose;
}

/** Every instant at which rule 1's answer for the combination may change, ascending. */
function changeInstants(
  relevant: SortedFacts,
  state: SubjectState,
  policy: PolicyHistory,
  question: Permission,
): number[] {
  const instants = new Set<number>();
  if (state.registration) instants.add(state.registration.registeredAt);
  for (const version of policy.versions) instants.add(version.effectiveFrom);
  for (const { event, at } of relevant) {
    instants.add(at);
    if (event.type !== 'consent-granted') continue;
    if (event.expiresAt !== undefined) instants.add(toMillis(event.expiresAt));
    const lapse = policy.lapseOf(question.category, event.policyVersion, at);
    if (lapse !== undefined) instants.add(lapse);
  }
  return [...instants].filter((at) => !Number.isNaN(at)).sort((a, b) => a - b);
}

function lastRegistrationRevision(state: SubjectState): number | undefined {
  for (let revision = state.facts.length - 1; revision >= 0; revision--) {
    if (state.facts[revision]!.type === 'subject-registered') return revision;
  }
  return undefined;
}

function apply(
  { event, revision, at }: SortedFacts[number],
  sweep: SweepState,
  changes: ChangesAt,
  policy: PolicyHistory,
): void {
  changes.facts.push(revision);
  const localDataMode = localDataModeAfter(event);
  if (localDataMode !== undefined) {
    sweep.localDataMode = { on: localDataMode, revision };
    changes.localDataMode = true;
    return;
  }
  switch (event.type) {
    case 'erasure-requested':
      if (sweep.erasureRevision === undefined) {
        sweep.erasureRevision = revision;
        changes.erasure = true;
      }
      break;
    case 'consent-granted':
    case 'consent-revoked':
      sweep.choice = choiceOf(event, revision, at, policy);
      changes.choice = true;
      break;
    default:
      break;
  }
}

function choiceOf(
  event: ConsentGranted | ConsentRevoked,
  revision: number,
  at: number,
  policy: PolicyHistory,
): Choice {
  if (event.type === 'consent-revoked') return { event, revision };
  const lapseAt = policy.lapseOf(event.category, event.policyVersion, at);
  const lapse =
    lapseAt === undefined
      ? undefined
      : { at: lapseAt, version: lapsingVersion(policy, event.category, event.policyVersion) };
  return {
    event,
    revision,
    ...(event.expiresAt !== undefined ? { expiresAt: toMillis(event.expiresAt) } : {}),
    ...(lapse ? { lapse } : {}),
  };
}

/** The version `PolicyHistory.lapseOf` finds: the first later one requiring re-consent. */
function lapsingVersion(policy: PolicyHistory, category: string, grantedUnder: number): number {
  const version = policy.versions.find(
    (v) => v.document.version > grantedUnder && v.document.reconsentRequired.includes(category),
  );
  return version?.document.version ?? grantedUnder;
}

/** Rule 1 at `at` as `evaluatePermission` states it, for a flow that is not user-initiated. */
function verdictAt(
  at: number,
  version: PolicyVersion | undefined,
  state: SubjectState,
  sweep: SweepState,
  question: FlowWindowsQuestion,
): Verdict {
  const registration = state.registration;
  if (!registration || registration.registeredAt > at) return BEFORE_ANYTHING;
  const category = version && offered(version.document, question);
  if (!version || !category) return { permitted: false, reasons: ['not-offered'] };

  const blockers = blockersOf(
    sweep.localDataMode?.on ?? false,
    sweep.erasureRevision !== undefined,
    version.document,
    category,
    registration.residency,
    question,
  );

  const basis = standingBasis(category, sweep.choice, at);
  if (basis.basis && blockers.length === 0)
    return { permitted: true, basis: basis.basis, reasons: [] };
  return { permitted: false, reasons: [...(basis.reason ? [basis.reason] : []), ...blockers] };
}

function standingBasis(
  category: CategoryDefinition,
  choice: Choice | undefined,
  at: number,
): { basis?: StandingBasis; reason?: RefusalReason } {
  if (category.default === 'mandatory') return { basis: 'mandatory' };
  if (category.default === 'per-transfer') return { reason: 'per-transfer-only' };
  const fallback = (reason: RefusalReason) =>
    category.default === 'opt-out' ? { basis: 'opt-out-default' as const } : { reason };
  if (!choice) return fallback('no-basis');
  if (choice.event.type === 'consent-revoked') return { reason: 'revoked' };
  if (choice.expiresAt !== undefined && choice.expiresAt <= at) return fallback('expired');
  if (choice.lapse !== undefined && choice.lapse.at <= at) {
    return fallback('lapsed-by-policy-change');
  }
  return { basis: 'grant' };
}

interface Explanation {
  readonly changes: ChangesAt;
  readonly sweep: SweepState;
  readonly registrationRevision: number | undefined;
  readonly state: SubjectState;
  /** Closing: the reasons now hold; opening: the reasons that held until now. */
  readonly closing: boolean;
}

/**
 * Which change at this instant made the reasons start (closing) or stop (opening) holding:
 * the first reason that a change at this very instant explains, in the order rule 1 lists
 * reasons (missing basis first, then the blockers).
 */
function causeOf(reasons: readonly RefusalReason[], explanation: Explanation): WindowCause {
  for (const reason of reasons) {
    const cause = explain(reason, explanation);
    if (cause) return cause;
  }
  return fallbackCause(explanation);
}

function explain(reason: RefusalReason, x: Explanation): WindowCause | undefined {
  const { changes, sweep } = x;
  const policyVersion =
    changes.version === undefined
      ? undefined
      : ({ kind: 'policy-version', version: changes.version } as const);
  switch (reason) {
    case 'no-basis':
    case 'revoked':
    case 'expired':
    case 'lapsed-by-policy-change':
    case 'per-transfer-only': {
      const choice = sweep.choice;
      if (changes.choice && choice) return eventCause(choice.revision, x.state);
      if (x.closing && reason === 'expired' && choice?.expiresAt === changes.at) {
        return { kind: 'expiry', revision: choice.revision };
      }
      if (x.closing && reason === 'lapsed-by-policy-change' && choice?.lapse?.at === changes.at) {
        return { kind: 'lapse', revision: choice.revision, version: choice.lapse.version };
      }
      return policyVersion;
    }
    case 'local-data-mode':
      return changes.localDataMode && sweep.localDataMode
        ? eventCause(sweep.localDataMode.revision, x.state)
        : undefined;
    case 'erased':
      return changes.erasure && sweep.erasureRevision !== undefined
        ? eventCause(sweep.erasureRevision, x.state)
        : undefined;
    case 'before-registration':
      return x.registrationRevision !== undefined &&
        x.state.registration?.registeredAt === changes.at
        ? eventCause(x.registrationRevision, x.state)
        : undefined;
    case 'not-offered':
    case 'region':
    case 'precision':
      return policyVersion;
    default:
      return undefined;
  }
}

/**
 * Every flip has a change at its instant that one of its reasons names (the property test
 * checks each cause against its instant); should a reason ever go unexplained, the answer
 * still names a change at that instant rather than none.
 */
function fallbackCause(x: Explanation): WindowCause {
  const { changes, sweep } = x;
  const lastFact = changes.facts[changes.facts.length - 1];
  if (lastFact !== undefined) return eventCause(lastFact, x.state);
  if (changes.version !== undefined) return { kind: 'policy-version', version: changes.version };
  const choice = sweep.choice;
  if (choice?.expiresAt === changes.at) return { kind: 'expiry', revision: choice.revision };
  if (choice?.lapse?.at === changes.at) {
    return { kind: 'lapse', revision: choice.revision, version: choice.lapse.version };
  }
  // A window needs a registration, so a flip always has one to fall back on.
  return eventCause(x.registrationRevision ?? 0, x.state);
}

function eventCause(revision: number, state: SubjectState): WindowCause {
  return { kind: 'event', revision, type: state.facts[revision]!.type };
}

function oneOffFlows(facts: SortedFacts, question: Permission): OneOffFlow[] {
  const flows: OneOffFlow[] = [];
  for (const { event, revision, at } of facts) {
    if (event.type !== 'sync-recorded' || event.basis !== 'one-off-sync') continue;
    if (!sameCombination(event, question)) continue;
    flows.push({ at, revision, syncId: event.syncId, precision: event.precision });
  }
  return flows;
}
