import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { IsoInstant } from '../../../shared/time/instant';

/** A change of the permission-change feed that closed a window of the subject, and its acknowledgement. */
export interface ClosingAcknowledgement {
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  /** The change's validFrom: the instant the window ended. */
  readonly closedAt: IsoInstant;
  /** When the recipient's processor acknowledged it; undefined while it has not. */
  readonly acknowledgedAt: IsoInstant | undefined;
}

/**
 * The subject's closing changes with their acknowledgements, in feed order (ADR 0044). Asked
 * here, answered by src/processors (which sits above this module and owns the propagation
 * ledger), so the flow windows need no import of it.
 */
export class ClosingAcknowledgementsQuery extends Query<readonly ClosingAcknowledgement[]> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
