import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../shared/tenancy/caller';
import type { CommandReceipt } from '../../http/command-receipt';
import type { RegisterSubjectRequest } from './register-subject.request.dto';

export class RegisterSubjectCommand extends Command<CommandReceipt> {
  constructor(
    readonly caller: Caller,
    readonly idempotencyKey: string,
    readonly body: RegisterSubjectRequest,
  ) {
    super();
  }
}
