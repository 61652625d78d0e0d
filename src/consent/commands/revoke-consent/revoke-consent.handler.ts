import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../application/subject-command.service';
import { type CommandReceipt, receiptOf } from '../../http/command-receipt';
import { RevokeConsentCommand } from './revoke-consent.command';

@CommandHandler(RevokeConsentCommand)
export class RevokeConsentHandler implements ICommandHandler<RevokeConsentCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, body }: RevokeConsentCommand): Promise<CommandReceipt> {
    const result = await this.subjects.execute(request, (context) => ({
      type: 'revoke-consent',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(body.occurredAt),
      category: body.category,
      recipient: body.recipient,
      purpose: body.purpose,
      actor: body.actor ?? 'subject',
    }));
    return receiptOf(request.subjectId, result);
  }
}
