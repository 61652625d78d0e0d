import { Command } from '@nestjs/cqrs';
import type { SubjectCommandResult, SubjectRequest } from '../../../consent';

/** A completion as the caller states it. */
interface ErasureCompletion {
  /**
   * Completes although not every recipient confirmed, for this reason: free text, sealed by
   * the handler before it enters an event. Without it every notified recipient must confirm.
   */
  readonly overrideReason?: string;
  /** When the request was completed (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
}

/**
 * Whether the subject is shredded: only account erasures shred; pending means the shredder
 * projection had not got there when the answer was given.
 */
export type ShreddingState = 'not-applicable' | 'pending' | 'done';

export interface CompleteErasureResult extends SubjectCommandResult {
  readonly shredding: ShreddingState;
}

export class CompleteErasureCommand extends Command<CompleteErasureResult> {
  constructor(
    readonly request: SubjectRequest,
    readonly erasureId: string,
    readonly completion: ErasureCompletion,
  ) {
    super();
  }
}
