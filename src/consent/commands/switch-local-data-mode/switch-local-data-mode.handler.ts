import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../application/subject-command.service';
import { type CommandReceipt, receiptOf } from '../../http/command-receipt';
import { SwitchLocalDataModeCommand } from './switch-local-data-mode.command';

@CommandHandler(SwitchLocalDataModeCommand)
export class SwitchLocalDataModeHandler implements ICommandHandler<SwitchLocalDataModeCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, body }: SwitchLocalDataModeCommand): Promise<CommandReceipt> {
    const result = await this.subjects.execute(request, (context) => ({
      type: 'switch-local-data-mode',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(body.occurredAt),
      on: body.on,
    }));
    return receiptOf(request.subjectId, result);
  }
}
