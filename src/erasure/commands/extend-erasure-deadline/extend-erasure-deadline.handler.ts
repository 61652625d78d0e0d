import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../../consent/application/subject-command.service';
import { ErasureReasons } from '../../application/erasure-reasons';
import type { ErasureStepReceipt } from '../../http/erasure-step-receipt';
import { erasureStepReceiptOf } from '../../http/erasure-step-receipt-of';
import { instantOf } from '../../http/instant-of';
import { ExtendErasureDeadlineCommand } from './extend-erasure-deadline.command';
import type { ErasureStepCommand } from '../../domain/erasure-step.commands';
import { erasureStepDecider } from '../../domain/erasure-step.decider';

@CommandHandler(ExtendErasureDeadlineCommand)
export class ExtendErasureDeadlineHandler implements ICommandHandler<ExtendErasureDeadlineCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly reasons: ErasureReasons,
  ) {}

  async execute({
    request,
    erasureId,
    body,
  }: ExtendErasureDeadlineCommand): Promise<ErasureStepReceipt> {
    const { subjectId } = request;
    const reason = await this.reasons.seal(
      request.caller.tenantId,
      subjectId,
      'reason',
      body.reason,
    );
    const result = await this.subjects.executeWith(
      erasureStepDecider,
      request,
      (context): ErasureStepCommand => ({
        type: 'extend-erasure-deadline',
        context,
        subjectId,
        occurredAt: this.subjects.occurredAt(body.occurredAt),
        erasureId,
        ...(body.newDeadline !== undefined
          ? { newDeadline: instantOf(body.newDeadline, 'newDeadline') }
          : {}),
        subjectToldAt: instantOf(body.subjectToldAt, 'subjectToldAt'),
        reason,
      }),
    );
    return erasureStepReceiptOf(subjectId, erasureId, result);
  }
}
