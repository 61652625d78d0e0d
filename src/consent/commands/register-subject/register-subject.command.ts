import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../shared/tenancy/caller';
import type { SubjectCommandResult } from '../../application/subject-command.service';

/** A registration as the app sends it: the personal fields are still in the clear. */
export interface SubjectRegistration {
  /** The app's own id for the subject. */
  readonly appSubjectId: string;
  /** The region key the subject's data must stay in. */
  readonly residency: string;
  readonly email?: string;
  readonly phone?: string;
  /** When the subject registered (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

/** Answered with the result, whose `subjectId` is the pseudonym the service assigned. */
export class RegisterSubjectCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly caller: Caller,
    readonly idempotencyKey: string,
    readonly registration: SubjectRegistration,
  ) {
    super();
  }
}
