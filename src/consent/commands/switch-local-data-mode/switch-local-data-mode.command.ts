import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../application/subject-command.service';
import type { CommandReceipt } from '../../http/command-receipt';
import type { SwitchLocalDataModeRequest } from './switch-local-data-mode.request.dto';

export class SwitchLocalDataModeCommand extends Command<CommandReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly body: SwitchLocalDataModeRequest,
  ) {
    super();
  }
}
