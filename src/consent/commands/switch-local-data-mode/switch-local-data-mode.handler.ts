import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../application/subject-command.service';
import { SwitchLocalDataModeCommand } from './switch-local-data-mode.command';

@CommandHandler(SwitchLocalDataModeCommand)
export class SwitchLocalDataModeHandler implements ICommandHandler<SwitchLocalDataModeCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  execute({ request, on, occurredAt }: SwitchLocalDataModeCommand): Promise<SubjectCommandResult> {
    return this.subjects.execute(request, (context) => ({
      type: 'switch-local-data-mode',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(occurredAt),
      on,
    }));
  }
}
