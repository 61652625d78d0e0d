import { Command } from '@nestjs/cqrs';
import type {
  StatedDecision,
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';

/** A grant as the caller states it; the handler adds the rules' context and the valid time. */
interface ConsentGrant extends StatedDecision {
  /** When the grant stops being valid (ISO 8601). */
  readonly expiresAt?: string;
}

export class GrantConsentCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly grant: ConsentGrant,
  ) {
    super();
  }
}
