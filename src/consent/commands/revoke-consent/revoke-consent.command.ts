import { Command } from '@nestjs/cqrs';
import type {
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';
import type { Permission } from '../../domain/subject/subject.events';

/** A revocation as the caller states it. */
interface ConsentRevocation extends Permission {
  /** When the subject withdrew (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
  /** The subject when omitted. */
  readonly actor?: 'subject' | 'app';
}

export class RevokeConsentCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly revocation: ConsentRevocation,
  ) {
    super();
  }
}
