import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../application/subject-command.service';
import type { CommandReceipt } from '../../http/command-receipt';
import type { GrantConsentRequest } from './grant-consent.request.dto';

export class GrantConsentCommand extends Command<CommandReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly body: GrantConsentRequest,
  ) {
    super();
  }
}
