import { Command } from '@nestjs/cqrs';
import type {
  StatedDecision,
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';

export class RevokeConsentCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly revocation: StatedDecision,
  ) {
    super();
  }
}
