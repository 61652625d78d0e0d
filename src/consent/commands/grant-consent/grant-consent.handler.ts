import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../application/subject-command.service';
import { type CommandReceipt, receiptOf } from '../../http/command-receipt';
import { GrantConsentCommand } from './grant-consent.command';

@CommandHandler(GrantConsentCommand)
export class GrantConsentHandler implements ICommandHandler<GrantConsentCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, body }: GrantConsentCommand): Promise<CommandReceipt> {
    const result = await this.subjects.execute(request, (context) => ({
      type: 'grant-consent',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(body.occurredAt),
      category: body.category,
      recipient: body.recipient,
      purpose: body.purpose,
      ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
      actor: body.actor ?? 'subject',
    }));
    return receiptOf(request.subjectId, result);
  }
}
