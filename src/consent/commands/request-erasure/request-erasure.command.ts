import { Command } from '@nestjs/cqrs';
import type {
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';
import type { ErasureScope } from '../../domain/subject/subject.events';

/** An erasure request as the caller states it (GDPR Art. 17). */
interface ErasureAsked {
  readonly scope: ErasureScope;
  /** The subject when omitted. */
  readonly requestedBy?: 'subject' | 'privacy-officer';
  /** When the subject asked (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

/** The result names the erasure, so the caller can follow it. */
export interface RequestErasureResult extends SubjectCommandResult {
  readonly erasureId: string;
}

export class RequestErasureCommand extends Command<RequestErasureResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasure: ErasureAsked,
  ) {
    super();
  }
}
