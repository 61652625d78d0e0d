import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService, type SubjectCommandResult } from '../../../consent';
import { ErasureReasons } from '../../application/erasure-reasons';
import { ExtendErasureDeadlineCommand } from './extend-erasure-deadline.command';
import type { ErasureStepCommand } from '../../domain/erasure-step.commands';
import { erasureStepDecider } from '../../domain/erasure-step.decider';

@CommandHandler(ExtendErasureDeadlineCommand)
export class ExtendErasureDeadlineHandler implements ICommandHandler<ExtendErasureDeadlineCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly reasons: ErasureReasons,
  ) {}

  async execute({
    request,
    erasureId,
    extension,
  }: ExtendErasureDeadlineCommand): Promise<SubjectCommandResult> {
    const { subjectId } = request;
    const reason = await this.reasons.seal(
      request.caller.tenantId,
      subjectId,
      'reason',
      extension.reason,
    );
    return this.subjects.executeWith(
      erasureStepDecider,
      request,
      (context): ErasureStepCommand => ({
        type: 'extend-erasure-deadline',
        context,
        subjectId,
        occurredAt: this.subjects.occurredAt(extension.occurredAt),
        erasureId,
        ...(extension.newDeadline !== undefined ? { newDeadline: extension.newDeadline } : {}),
        subjectToldAt: extension.subjectToldAt,
        reason,
      }),
    );
  }
}
