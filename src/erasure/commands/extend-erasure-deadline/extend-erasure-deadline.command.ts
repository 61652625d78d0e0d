import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../../consent/application/subject-command.service';
import type { ErasureStepReceipt } from '../../http/erasure-step-receipt';
import type { ExtendErasureDeadlineRequest } from './extend-erasure-deadline.request.dto';

export class ExtendErasureDeadlineCommand extends Command<ErasureStepReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly body: ExtendErasureDeadlineRequest,
  ) {
    super();
  }
}
