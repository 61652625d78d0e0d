import { evaluatePermission, flowWindows, inRange, type FlowWindow } from '../../../consent/domain';
import type {
  Precision,
  Basis,
  Permission,
  RefusalReason,
  SubjectEventType,
  PolicyHistory,
  SubjectState,
} from '../../../consent/domain';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { SqlExecutor } from '../../../read-store/read-store.port';
import { CONSENT_STATE } from '../../projections/consent-state.projection';
import { PolicyVersionsTable } from '../../projections/policy-versions.table';
import type { StoredFact } from '../../replay/stored-fact';
import { subjectStateOf } from '../../replay/subject-state-of';
import { SubjectFactsTable } from '../../projections/subject-facts.table';
import { PositionStampedCache } from './position-stamped-cache';

/** Subjects whose folded facts are kept between checks (a few KiB each). */
const MAX_CACHED_SUBJECTS = 10_000;
const MAX_CACHED_TENANTS = 1000;

/** "May this flow happen at `at`?" about one subject of the tenant. */
export interface CheckQuestion extends Permission {
  readonly subjectId: string;
  readonly precision?: Precision;
  /** Epoch ms. */
  readonly at: number;
}

export interface CheckAnswer {
  readonly permitted: boolean;
  readonly basis?: Basis;
  /** Epoch ms: start of the flow window holding `at`, when permitted. */
  readonly since?: number;
  /** Epoch ms: end of that window (revoke, expiry, lapse, …) when one is already known. */
  readonly until?: number;
  readonly reasons: readonly RefusalReason[];
  readonly policyVersion?: number;
  readonly evidence: readonly { eventId: string; revision: number; type: SubjectEventType }[];
}

/** A subject the read model never saw is not "denied": it is unknown, and said so. */
type CheckOutcome =
  { readonly known: true; readonly answer: CheckAnswer } | { readonly known: false };

interface LoadedSubject {
  readonly facts: readonly StoredFact[];
  readonly state: SubjectState;
  /** Windows already computed, per policy history, by combination and precision. */
  readonly windows: WeakMap<PolicyHistory, Map<string, readonly FlowWindow[]>>;
}

/**
 * Answers checks from the `consent_state` read model: rule 1 (`evaluatePermission`) over
 * the subject's stored facts and the tenant's stored policy history, never the event log.
 * A batch loads each subject and the policy history once. Given the position the read
 * model stood at before the read, subjects and policy histories already read at that
 * position are reused, folded, with the windows computed for them: while no event
 * arrives, a subject asked about again costs no query.
 */
export class PermissionChecker {
  private readonly facts = new SubjectFactsTable(CONSENT_STATE);
  private readonly policies = new PolicyVersionsTable(CONSENT_STATE);
  private readonly loadedSubjects = new PositionStampedCache<LoadedSubject>(MAX_CACHED_SUBJECTS);
  private readonly loadedPolicies = new PositionStampedCache<PolicyHistory>(MAX_CACHED_TENANTS);

  constructor(private readonly store: SqlExecutor) {}

  /** `position`: where `consent_state` stood, read before this call; omitted, nothing is reused. */
  async check(
    tenantId: string,
    questions: readonly CheckQuestion[],
    position?: GlobalPosition,
  ): Promise<CheckOutcome[]> {
    if (questions.length === 0) return [];
    // Reused values are taken without an await: a cached check then runs to its end in one
    // go, with no turn of the microtask queue per step.
    const subjects =
      this.reusedSubjects(tenantId, questions, position) ??
      (await this.loadSubjects(tenantId, questions, position));
    const policy =
      (position === undefined ? undefined : this.loadedPolicies.get(position, tenantId)) ??
      (await this.loadPolicy(tenantId, position));
    return questions.map((question): CheckOutcome => {
      const subject = subjects.get(question.subjectId);
      if (!subject) return { known: false };
      const answer = evaluatePermission(subject.state, policy, question);
      const window = answer.permitted ? windowHolding(subject, policy, question) : undefined;
      return {
        known: true,
        answer: {
          permitted: answer.permitted,
          ...(answer.basis ? { basis: answer.basis } : {}),
          ...(window ? { since: window.start } : {}),
          ...(window?.end !== undefined ? { until: window.end } : {}),
          reasons: answer.reasons,
          ...(answer.policyVersion !== undefined ? { policyVersion: answer.policyVersion } : {}),
          evidence: answer.evidence.map((revision) => {
            const fact = subject.facts[revision]!;
            return { eventId: fact.eventId, revision, type: fact.event.type };
          }),
        },
      };
    });
  }

  /** The asked subjects, when every one of them was read at `position` already. */
  private reusedSubjects(
    tenantId: string,
    questions: readonly CheckQuestion[],
    position: GlobalPosition | undefined,
  ): Map<string, LoadedSubject> | undefined {
    if (position === undefined) return undefined;
    const reused = new Map<string, LoadedSubject>();
    for (const { subjectId } of questions) {
      const cached = this.loadedSubjects.get(position, cacheKey(tenantId, subjectId));
      if (!cached) return undefined;
      reused.set(subjectId, cached);
    }
    return reused;
  }

  /** The asked subjects the read model knows, folded; unknown ones are absent. */
  private async loadSubjects(
    tenantId: string,
    questions: readonly CheckQuestion[],
    position: GlobalPosition | undefined,
  ): Promise<Map<string, LoadedSubject>> {
    const loaded = new Map<string, LoadedSubject>();
    const missing: string[] = [];
    for (const { subjectId } of questions) {
      if (loaded.has(subjectId)) continue;
      const cached =
        position === undefined
          ? undefined
          : this.loadedSubjects.get(position, cacheKey(tenantId, subjectId));
      if (cached) loaded.set(subjectId, cached);
      else missing.push(subjectId);
    }
    if (missing.length === 0) return loaded;
    const stored =
      missing.length === 1
        ? await this.loadOne(tenantId, missing[0]!)
        : await this.facts.loadMany(this.store, tenantId, missing);
    for (const [subjectId, facts] of stored) {
      const subject = { facts, state: subjectStateOf(facts), windows: new WeakMap() };
      loaded.set(subjectId, subject);
      if (position !== undefined) {
        this.loadedSubjects.set(position, cacheKey(tenantId, subjectId), subject);
      }
    }
    return loaded;
  }

  private async loadOne(tenantId: string, subjectId: string): Promise<Map<string, StoredFact[]>> {
    const facts = await this.facts.load(this.store, tenantId, subjectId);
    return new Map(facts.length > 0 ? [[subjectId, facts]] : []);
  }

  private async loadPolicy(
    tenantId: string,
    position: GlobalPosition | undefined,
  ): Promise<PolicyHistory> {
    const cached = position === undefined ? undefined : this.loadedPolicies.get(position, tenantId);
    if (cached) return cached;
    const policy = await this.policies.history(this.store, tenantId);
    if (position !== undefined) this.loadedPolicies.set(position, tenantId, policy);
    return policy;
  }
}

function cacheKey(tenantId: string, subjectId: string): string {
  return `${tenantId}\u0000${subjectId}`;
}

function windowHolding(
  subject: LoadedSubject,
  policy: PolicyHistory,
  question: CheckQuestion,
): FlowWindow | undefined {
  const key = [
    question.category,
    question.recipient,
    question.purpose,
    question.precision ?? '',
  ].join('\u0000');
  let computed = subject.windows.get(policy);
  if (!computed) {
    computed = new Map();
    subject.windows.set(policy, computed);
  }
  let windows = computed.get(key);
  if (!windows) {
    windows = flowWindows(subject.state, policy, {
      category: question.category,
      recipient: question.recipient,
      purpose: question.purpose,
      ...(question.precision ? { precision: question.precision } : {}),
    }).windows;
    computed.set(key, windows);
  }
  return windows.find((w) => inRange(question.at, w.start, w.end));
}
