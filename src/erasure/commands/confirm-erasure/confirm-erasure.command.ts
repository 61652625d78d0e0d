import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../../consent/application/subject-command.service';
import type { ErasureStepReceipt } from '../../http/erasure-step-receipt';
import type { ConfirmErasureRequest } from './confirm-erasure.request.dto';

export class ConfirmErasureCommand extends Command<ErasureStepReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly body: ConfirmErasureRequest,
  ) {
    super();
  }
}
