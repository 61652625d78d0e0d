import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubjectCommandService } from '../../application/subject-command.service';
import { deterministicEventId } from '../../../shared/ids/deterministic-event-id';
import { RequestErasureCommand, type RequestErasureResult } from './request-erasure.command';

@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand> {
  constructor(private readonly subjects: SubjectCommandService) {}

  async execute({ request, erasure }: RequestErasureCommand): Promise<RequestErasureResult> {
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
      occurredAt: this.subjects.occurredAt(erasure.occurredAt),
      erasureId,
      scope: erasure.scope,
      requestedBy: erasure.requestedBy ?? 'subject',
    }));
    const event = result.events[0];
    return {
      ...result,
      erasureId: event?.type === 'erasure-requested' ? event.erasureId : erasureId,
    };
  }
}
