import { Command } from '@nestjs/cqrs';
import type { SubjectCommandResult, SubjectRequest } from '../../../consent';
import type { IsoInstant } from '../../../shared/time/instant';

/** A deadline extension as the caller states it (Art. 12(3)). */
interface DeadlineExtension {
  /** When the subject was told of the extension and its reasons. */
  readonly subjectToldAt: IsoInstant;
  /** The latest deadline allowed (three months after the request) when omitted. */
  readonly newDeadline?: IsoInstant;
  /** Why more time is needed: free text, sealed by the handler before it enters an event. */
  readonly reason: string;
  /** When the extension was decided (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

export class ExtendErasureDeadlineCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly extension: DeadlineExtension,
  ) {
    super();
  }
}
