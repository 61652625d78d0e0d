import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../../consent/application/subject-command.service';
import type { ErasureCompletionReceipt } from '../../http/erasure-step-receipt';
import type { CompleteErasureRequest } from './complete-erasure.request.dto';

export class CompleteErasureCommand extends Command<ErasureCompletionReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly body: CompleteErasureRequest,
  ) {
    super();
  }
}
