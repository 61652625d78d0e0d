import type { SqlExecutor } from '../read-store/read-store.port';
import type { StoredAcknowledgement } from './projection/acknowledgements.table';
import { PropagationProjection } from './projection/propagation.projection';

/** Reads the recipients' acknowledgements the propagation projection holds. */
export class PropagationReader {
  private readonly acknowledgements = new PropagationProjection().acknowledgements;

  constructor(private readonly store: SqlExecutor) {}

  /** The recipient's acknowledgements, in position order. */
  acknowledgementsOf(tenantId: string, recipient: string): Promise<StoredAcknowledgement[]> {
    return this.acknowledgements.list(this.store, tenantId, recipient);
  }

  /** Every recipient's last acknowledged position; see `recipientKey`. */
  lastPositions(): Promise<Map<string, number>> {
    return this.acknowledgements.lastPositions(this.store);
  }
}
