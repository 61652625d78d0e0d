import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../../consent/application/subject-command.service';
import type { ErasureStepReceipt } from '../../http/erasure-step-receipt';
import { erasureStepReceiptOf } from '../../http/erasure-step-receipt-of';
import { instantOf } from '../../http/instant-of';
import { ConfirmErasureCommand } from './confirm-erasure.command';
import type { ErasureStepCommand } from '../../domain/erasure-step.commands';
import { erasureStepDecider } from '../../domain/erasure-step.decider';

@CommandHandler(ConfirmErasureCommand)
export class ConfirmErasureHandler implements ICommandHandler<ConfirmErasureCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, erasureId, body }: ConfirmErasureCommand): Promise<ErasureStepReceipt> {
    const { subjectId } = request;
    const result = await this.subjects.executeWith(
      erasureStepDecider,
      request,
      (context): ErasureStepCommand => ({
        type: 'confirm-erasure',
        context,
        subjectId,
        occurredAt: this.subjects.occurredAt(body.occurredAt),
        erasureId,
        recipient: body.recipient,
        ...(body.confirmedAt !== undefined
          ? { confirmedAt: instantOf(body.confirmedAt, 'confirmedAt') }
          : {}),
      }),
    );
    return erasureStepReceiptOf(subjectId, erasureId, result);
  }
}
