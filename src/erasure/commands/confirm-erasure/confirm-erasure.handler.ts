import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService, type SubjectCommandResult } from '../../../consent';
import { ConfirmErasureCommand } from './confirm-erasure.command';
import type { ErasureStepCommand } from '../../domain/erasure-step.commands';
import { erasureStepDecider } from '../../domain/erasure-step.decider';
import { confirmingAsScoped } from './processor-confirmation';

@CommandHandler(ConfirmErasureCommand)
export class ConfirmErasureHandler implements ICommandHandler<ConfirmErasureCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  execute({
    request,
    erasureId,
    confirmation,
  }: ConfirmErasureCommand): Promise<SubjectCommandResult> {
    return confirmingAsScoped(request.caller, confirmation.recipient, erasureId, () =>
      this.subjects.executeWith(erasureStepDecider, request, (context): ErasureStepCommand => ({
        type: 'confirm-erasure',
        context,
        subjectId: request.subjectId,
        occurredAt: this.subjects.occurredAt(confirmation.occurredAt),
        erasureId,
        recipient: confirmation.recipient,
        ...(confirmation.confirmedAt !== undefined
          ? { confirmedAt: confirmation.confirmedAt }
          : {}),
      })),
    );
  }
}
