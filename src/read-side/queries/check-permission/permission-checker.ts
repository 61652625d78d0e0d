import { evaluatePermission } from '../../../consent/domain/permission/evaluate-permission';
import { flowWindows, type FlowWindow } from '../../../consent/domain/permission/flow-windows';
import type { Precision } from '../../../consent/domain/policy/policy-document';
import type {
  Basis,
  Permission,
  RefusalReason,
  SubjectEventType,
} from '../../../consent/domain/subject/subject.events';
import type { SubjectState } from '../../../consent/domain/subject/subject.state';
import type { SqlExecutor } from '../../../read-store/read-store.port';
import { CONSENT_STATE } from '../../projections/consent-state.projection';
import { PolicyVersionsTable } from '../../projections/policy-versions.table';
import type { StoredFact } from '../../projections/stored-fact';
import { subjectStateOf } from '../../projections/subject-state-of';
import { SubjectFactsTable } from '../../projections/subject-facts.table';

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
export type CheckOutcome =
  { readonly known: true; readonly answer: CheckAnswer } | { readonly known: false };

interface LoadedSubject {
  readonly facts: readonly StoredFact[];
  readonly state: SubjectState;
  /** Windows already computed in this call, by combination and precision. */
  readonly windows: Map<string, readonly FlowWindow[]>;
}

/**
 * Answers checks from the `consent_state` read model: rule 1 (`evaluatePermission`) over
 * the subject's stored facts and the tenant's stored policy history, never the event log.
 * A batch loads each subject and the policy history once.
 */
export class PermissionChecker {
  private readonly facts = new SubjectFactsTable(CONSENT_STATE);
  private readonly policies = new PolicyVersionsTable(CONSENT_STATE);

  constructor(private readonly store: SqlExecutor) {}

  async check(tenantId: string, questions: readonly CheckQuestion[]): Promise<CheckOutcome[]> {
    if (questions.length === 0) return [];
    const stored = await this.facts.loadMany(
      this.store,
      tenantId,
      questions.map((q) => q.subjectId),
    );
    const policy = await this.policies.history(this.store, tenantId);
    const subjects = new Map<string, LoadedSubject>();
    return questions.map((question): CheckOutcome => {
      let subject = subjects.get(question.subjectId);
      if (!subject) {
        const facts = stored.get(question.subjectId);
        if (!facts) return { known: false };
        subject = { facts, state: subjectStateOf(facts), windows: new Map() };
        subjects.set(question.subjectId, subject);
      }
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
}

function windowHolding(
  subject: LoadedSubject,
  policy: Parameters<typeof flowWindows>[1],
  question: CheckQuestion,
): FlowWindow | undefined {
  const key = [
    question.category,
    question.recipient,
    question.purpose,
    question.precision ?? '',
  ].join('\u0000');
  let windows = subject.windows.get(key);
  if (!windows) {
    windows = flowWindows(subject.state, policy, {
      category: question.category,
      recipient: question.recipient,
      purpose: question.purpose,
      ...(question.precision ? { precision: question.precision } : {}),
    }).windows;
    subject.windows.set(key, windows);
  }
  return windows.find(
    (w) => w.start <= question.at && (w.end === undefined || question.at < w.end),
  );
}
