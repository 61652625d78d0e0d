import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { subjectStream } from '../../../shared/tenancy/stream-names';
import { recipientsToNotify } from '../../domain/erasure-recipients';
import { ErasureRefusal } from '../../domain/erasure-refusal';
import { erasureWorkflow, type ErasureWorkflow } from '../../domain/erasure-workflow';
import { DomainError } from '../../../shared/domain/domain-error';
import { toIso } from '../../../shared/time/instant';
import type { SubjectEvent } from '../../../consent/domain';
import { decodeSubjectEvent } from '../../../consent/domain';
import type { EventStore, RecordedEvent } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../event-store';
import { SUBJECT_KEYS } from '../../../keys';
import type { SubjectKeyStore } from '../../../keys/subject-keys/subject-key-store.port';
import { ReadYourWrites } from '../../../projections';
import { ErasureReasons } from '../../application/erasure-reasons';
import type { ShreddingState } from '../../commands/complete-erasure/complete-erasure.command';
import { erasureRecordFrom } from '../../read-model/erasure-record';
import { ERASURE_SHREDDER } from '../../shredding/erasure-shredder.projection';
import type { WebhookOutbox } from '../../webhooks/outbox/webhook-outbox.port';
import { ERASURE_WEBHOOK_OUTBOX } from '../../webhooks/outbox/erasure-webhook-outbox.projection';
import { WEBHOOK_OUTBOX } from '../../webhooks/webhooks.tokens';
import { ERASURE_NOTIFIER } from '../../workflow/erasure-notifier.projection';
import { erasureViewOf } from '../erasure-view-of';
import type { ErasureDetailView } from '../erasure.view';
import { deliveryViewOf } from './delivery-view-of';
import { GetErasureQuery } from './get-erasure.query';

/**
 * One request read from the subject's stream (so always current) and folded as the
 * `erasure_requests` read model folds it, plus what only the log and the keys can tell: the
 * reasons (null once the subject's key is destroyed), the recipients still to be notified,
 * and whether the shredding has run.
 */
@QueryHandler(GetErasureQuery)
export class GetErasureHandler implements IQueryHandler<GetErasureQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reasons: ErasureReasons,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
  ) {}

  async execute(query: GetErasureQuery): Promise<ErasureDetailView> {
    const { tenantId, subjectId, erasureId } = query;
    await this.readYourWrites.reach(query.consistencyToken, [
      ERASURE_NOTIFIER,
      ERASURE_SHREDDER,
      ERASURE_WEBHOOK_OUTBOX,
    ]);
    const recorded = await this.store.readStream(subjectStream(tenantId, subjectId));
    if (recorded.length === 0) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    const facts = recorded.map((e) => decodeSubjectEvent(e.data));
    const workflow = erasureWorkflow(facts, erasureId);
    const record = erasureRecordFrom(facts, erasureId);
    if (!workflow || !record) {
      throw new ErasureRefusal(
        'erasure-not-found',
        `the subject has no erasure request ${erasureId}`,
        { erasureId },
      );
    }
    const view = erasureViewOf(record, toIso(this.clock.now()));
    const { extension, completion } = workflow;
    const key = await this.keys.get(tenantId, subjectId);
    const deliveries = await this.outbox.ofErasure(tenantId, subjectId, erasureId);
    return {
      ...view,
      // The latest delivery per recipient (a later sync in a category erasure notifies anew).
      recipients: view.recipients.map((r) => ({
        ...r,
        delivery: deliveryViewOf(deliveries.findLast((d) => d.recipient === r.recipient)),
      })),
      extension: view.extension && {
        ...view.extension,
        reason: extension
          ? await this.reasons.open(tenantId, subjectId, 'reason', extension.reason)
          : null,
      },
      completion: view.completion && {
        ...view.completion,
        ...(completion?.overrideReason
          ? {
              overrideReason: await this.reasons.open(
                tenantId,
                subjectId,
                'overrideReason',
                completion.overrideReason,
              ),
            }
          : {}),
      },
      notificationsPending: completion ? [] : [...recipientsToNotify(facts, workflow).keys()],
      shredding: this.shreddingOf(workflow, recorded, facts),
      personalDataAvailable: key !== undefined && key !== 'destroyed',
      revision: recorded.length - 1,
    };
  }

  /** Done once the shredder has applied the completion (its checkpoint is past it). */
  private shreddingOf(
    workflow: ErasureWorkflow,
    recorded: readonly RecordedEvent[],
    facts: readonly SubjectEvent[],
  ): ShreddingState {
    const { completion } = workflow;
    if (!completion || completion.scope.kind !== 'account') return 'not-applicable';
    const completedAt = recorded[facts.indexOf(completion)]!.globalPosition;
    return this.readYourWrites.positionOf(ERASURE_SHREDDER) >= completedAt ? 'done' : 'pending';
  }
}
