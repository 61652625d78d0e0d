import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../../consent';
import type { AppConfig } from '../../../config';
import { APP_CONFIG } from '../../../config';
import { ProjectorHost } from '../../../projections';
import { ErasureReasons } from '../../application/erasure-reasons';
import { ERASURE_SHREDDER } from '../../shredding/erasure-shredder.projection';
import {
  CompleteErasureCommand,
  type CompleteErasureResult,
  type ShreddingState,
} from './complete-erasure.command';
import type { ErasureStepCommand } from '../../domain/erasure-step.commands';
import { erasureStepDecider } from '../../domain/erasure-step.decider';

/**
 * Appends `erasure-completed`; the shredding of an account erasure is the shredder
 * projection's work, driven by that event, so it happens even if this process dies right
 * after the append. The answer waits a little (at most the read-your-writes timeout) so that
 * it can usually say the shredding is done.
 */
@CommandHandler(CompleteErasureCommand)
export class CompleteErasureHandler implements ICommandHandler<CompleteErasureCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly reasons: ErasureReasons,
    private readonly projector: ProjectorHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    request,
    erasureId,
    completion,
  }: CompleteErasureCommand): Promise<CompleteErasureResult> {
    const { subjectId } = request;
    const override = completion.overrideReason !== undefined && {
      reason: await this.reasons.seal(
        request.caller.tenantId,
        subjectId,
        'overrideReason',
        completion.overrideReason,
      ),
    };
    const result = await this.subjects.executeWith(
      erasureStepDecider,
      request,
      (context): ErasureStepCommand => ({
        type: 'complete-erasure',
        context,
        subjectId,
        occurredAt: this.subjects.occurredAt(completion.occurredAt),
        erasureId,
        ...(override ? { override } : {}),
        // Until callers authenticate (issue #7), whoever may call this route acts as the
        // privacy officer; the decider keeps overrides to that role.
        actor: 'privacy-officer',
      }),
    );
    const completed = result.events.find((event) => event.type === 'erasure-completed');
    let shredding: ShreddingState = 'not-applicable';
    if (completed?.scope.kind === 'account' && result.position !== undefined) {
      const reached = await this.projector.waitForPosition(
        result.position,
        this.config.readYourWritesTimeoutMs,
        [ERASURE_SHREDDER],
      );
      shredding = reached ? 'done' : 'pending';
    }
    return { ...result, shredding };
  }
}
