import { Command } from '@nestjs/cqrs';
import type { SubjectCommandResult, SubjectRequest } from '../../../consent';
import type { IsoInstant } from '../../../shared/time/instant';

/** A recipient's confirmation as the caller states it. */
interface ErasureConfirmation {
  /** A recipient that was notified. */
  readonly recipient: string;
  /** When the processor erased the data; `occurredAt` when omitted. */
  readonly confirmedAt?: IsoInstant;
  /** When the confirmation was received (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

export class ConfirmErasureCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly confirmation: ErasureConfirmation,
  ) {
    super();
  }
}
