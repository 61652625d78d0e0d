import { Command } from '@nestjs/cqrs';
import type {
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';
import type { Permission } from '../../domain/subject/subject.events';

/** A grant as the caller states it; the handler adds the rules' context and the valid time. */
interface ConsentGrant extends Permission {
  /** When the grant stops being valid (ISO 8601). */
  readonly expiresAt?: string;
  /** When the subject granted (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
  /** The subject when omitted. */
  readonly actor?: 'subject' | 'app';
}

export class GrantConsentCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly grant: ConsentGrant,
  ) {
    super();
  }
}
