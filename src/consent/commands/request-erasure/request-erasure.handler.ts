import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../application/subject-command.service';
import { deterministicEventId } from '../../../shared/ids/deterministic-event-id';
import { receiptOf } from '../../http/command-receipt';
import type { ErasureReceipt } from './erasure-receipt';
import { RequestErasureCommand } from './request-erasure.command';

@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, body }: RequestErasureCommand): Promise<ErasureReceipt> {
    // Derived from the idempotency key like event ids, so a retry names the same erasure.
    const erasureId = deterministicEventId(
      request.caller.tenantId,
      request.idempotencyKey,
      'erasure',
      0,
    );
    const result = await this.subjects.execute(request, (context) => ({
      type: 'request-erasure',
      context,
      subjectId: request.subjectId,
      occurredAt: this.subjects.occurredAt(body.occurredAt),
      erasureId,
      scope:
        body.scope === 'account'
          ? { kind: 'account' }
          : { kind: 'categories', categories: body.categories ?? [] },
      requestedBy: body.requestedBy ?? 'subject',
    }));
    const event = result.events[0];
    return {
      ...receiptOf(request.subjectId, result),
      erasureId: event?.type === 'erasure-requested' ? event.erasureId : erasureId,
    };
  }
}
