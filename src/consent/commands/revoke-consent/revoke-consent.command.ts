import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../application/subject-command.service';
import type { CommandReceipt } from '../../http/command-receipt';
import type { RevokeConsentRequest } from './revoke-consent.request.dto';

export class RevokeConsentCommand extends Command<CommandReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly body: RevokeConsentRequest,
  ) {
    super();
  }
}
