import { Command } from '@nestjs/cqrs';
import type {
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';

export class SwitchLocalDataModeCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    /** true: the device works offline and nothing may flow. */
    readonly on: boolean,
    /** When the mode was switched (ISO 8601); now when omitted. */
    readonly occurredAt?: string,
  ) {
    super();
  }
}
