import { Command } from '@nestjs/cqrs';
import type { SubjectRequest } from '../../application/subject-command.service';
import type { ErasureReceipt } from './erasure-receipt';
import type { RequestErasureRequest } from './request-erasure.request.dto';

export class RequestErasureCommand extends Command<ErasureReceipt> {
  constructor(
    readonly request: SubjectRequest,
    readonly body: RequestErasureRequest,
  ) {
    super();
  }
}
