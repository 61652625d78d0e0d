import { erasureWorkflow } from '../domain/erasure-workflow';
import { toMillis } from '../../shared/time/instant';
import type { ErasureCompleted, SubjectEvent } from '../../consent/domain';
import { erasureRecordFrom } from '../read-model/erasure-record';
import type { CertifiedErasure } from './erasure-certificate';

type CertifiedErasureOutcome =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-completed' }
  | {
      readonly kind: 'completed';
      readonly erasure: CertifiedErasure;
      /** Index of the completion among the facts (its stream revision). */
      readonly completionRevision: number;
      readonly completion: ErasureCompleted;
    };

/**
 * What a certificate states about one request, folded from the subject's facts as the
 * workflow and the read model fold them. Nothing personal: no reason, no app id.
 */
export function certifiedErasureOf(
  facts: readonly SubjectEvent[],
  erasureId: string,
): CertifiedErasureOutcome {
  const workflow = erasureWorkflow(facts, erasureId);
  const record = erasureRecordFrom(facts, erasureId);
  if (!workflow || !record) return { kind: 'not-found' };
  const { completion } = workflow;
  if (!completion || !record.completion) return { kind: 'not-completed' };
  const scope = workflow.scope;
  return {
    kind: 'completed',
    completion,
    completionRevision: facts.indexOf(completion),
    erasure: {
      erasureId,
      scope: scope.kind,
      categories: scope.kind === 'categories' ? [...scope.categories] : null,
      personalData: scope.kind === 'account' ? 'shredded' : 'flows-stopped',
      requestedBy: workflow.requestedBy,
      requestedAt: record.requestedAt,
      originalDeadline: record.originalDeadline,
      deadline: record.deadline,
      extended: record.extension !== null,
      completedAt: completion.occurredAt,
      deadlineMet: toMillis(completion.occurredAt) <= workflow.deadline,
      completion: completion.completion,
      overrideReasonGiven: completion.overrideReason !== undefined,
      completedBy: completion.actor,
      processors: record.recipients.map((r) => ({
        recipient: r.recipient,
        categories: [...r.categories],
        notifiedAt: r.notifiedAt,
        confirmedAt: r.confirmedAt ?? null,
      })),
    },
  };
}
