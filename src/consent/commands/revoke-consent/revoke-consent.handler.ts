import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../application/subject-command.service';
import { RevokeConsentCommand } from './revoke-consent.command';

@CommandHandler(RevokeConsentCommand)
export class RevokeConsentHandler implements ICommandHandler<RevokeConsentCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  execute({ request, revocation }: RevokeConsentCommand): Promise<SubjectCommandResult> {
    return this.subjects.execute(request, (context) => ({
      type: 'revoke-consent',
      context,
      subjectId: request.subjectId,
      ...this.subjects.decisionOf(revocation),
    }));
  }
}
