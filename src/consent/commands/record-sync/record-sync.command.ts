import { Command } from '@nestjs/cqrs';
import type {
  SubjectCommandResult,
  SubjectRequest,
} from '../../application/subject-command.service';
import type { Precision } from '../../domain/policy/policy-document';
import type { Permission } from '../../domain/subject/subject.events';

/** A transfer as the caller reports it; the location, personal data, is still in the clear. */
export interface ReportedSync extends Permission {
  readonly syncId: string;
  readonly precision: Precision;
  readonly userInitiated: boolean;
  readonly recordIds?: readonly string[];
  readonly sizeBytes?: number;
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** When the transfer happened (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

/** Answered with the result; its one event says whether the sync was recorded or refused. */
export class RecordSyncCommand extends Command<SubjectCommandResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly sync: ReportedSync,
  ) {
    super();
  }
}
