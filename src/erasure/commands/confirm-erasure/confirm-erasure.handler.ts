import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../../consent/application/subject-command.service';
import { ConfirmErasureCommand } from './confirm-erasure.command';

@CommandHandler(ConfirmErasureCommand)
export class ConfirmErasureHandler implements ICommandHandler<ConfirmErasureCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  execute({
    request,
    erasureId,
    confirmation,
  }: ConfirmErasureCommand): Promise<SubjectCommandResult> {
    return this.subjects.execute(request, (context) => ({
      type: 'confirm-erasure',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(confirmation.occurredAt),
      erasureId,
      recipient: confirmation.recipient,
      ...(confirmation.confirmedAt !== undefined ? { confirmedAt: confirmation.confirmedAt } : {}),
    }));
  }
}
