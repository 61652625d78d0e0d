import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../application/subject-command.service';
import { GrantConsentCommand } from './grant-consent.command';

@CommandHandler(GrantConsentCommand)
export class GrantConsentHandler implements ICommandHandler<GrantConsentCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  execute({ request, grant }: GrantConsentCommand): Promise<SubjectCommandResult> {
    return this.subjects.execute(request, (context) => ({
      type: 'grant-consent',
      context,
      subjectId: request.subjectId,
      ...this.subjects.decisionOf(grant),
      ...(grant.expiresAt ? { expiresAt: new Date(grant.expiresAt).toISOString() } : {}),
    }));
  }
}
