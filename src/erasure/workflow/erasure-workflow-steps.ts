import { Injectable } from '@nestjs/common';
import { EVERY_RECIPIENT } from '../../shared/tenancy/recipient-scope';
import { SubjectCommandService } from '../../consent';
import { toIso } from '../../shared/time/instant';
import type { ErasureStepCommand } from '../domain/erasure-step.commands';
import { erasureStepDecider } from '../domain/erasure-step.decider';

/** What set a workflow step off: a feed event, and the request it concerns. */
export interface StepTrigger {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly erasureId: string;
  /** Valid time of the request (epoch ms): a step never precedes it. */
  readonly requestedAt: number;
  /** Id of the feed event that set the step off. */
  readonly eventId: string;
}

/**
 * The steps the workflow takes by itself, through the same decider and append path as a
 * request. Event ids derive from the triggering event, under an idempotency key a client
 * cannot send (it holds spaces), so a step re-run after a crash or a rebuild finds its
 * own events in the stream and appends nothing twice.
 */
@Injectable()
export class ErasureWorkflowSteps {
  constructor(private readonly subjects: SubjectCommandService) {}

  /** Records `erasure-processor-notified` for every recipient not yet notified. */
  async recordNotifications(trigger: StepTrigger): Promise<void> {
    const { tenantId, subjectId, erasureId } = trigger;
    await this.subjects.executeWith(
      erasureStepDecider,
      {
        caller: { tenantId, mayBackdate: false, recipientScope: EVERY_RECIPIENT },
        subjectId,
        idempotencyKey: `erasure-workflow notify ${erasureId} ${trigger.eventId}`,
      },
      (context): ErasureStepCommand => ({
        type: 'record-erasure-notifications',
        context,
        subjectId,
        // A request may lie up to the clock skew ahead; its steps never before it.
        occurredAt: toIso(Math.max(context.now, trigger.requestedAt)),
        erasureId,
      }),
    );
  }
}
