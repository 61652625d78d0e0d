import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { toIso } from '../../shared/time/instant';
import { decodeAcknowledgementEvent } from '../domain/acknowledgement-event-decoder';
import { AcknowledgementsTable } from './acknowledgements.table';

export const PROPAGATION = 'propagation';

/**
 * The acknowledgement half of the propagation ledger (ADR 0044): every
 * `processor-acknowledged` event, with its recorded time. The closing changes are the feed's
 * own rows, joined at read time, so neither projection waits for or reads the other while
 * it is built: each stays deterministic on rebuild on its own.
 */
export class PropagationProjection implements Projection {
  readonly name = PROPAGATION;
  readonly version = 1;
  readonly acknowledgements = new AcknowledgementsTable(PROPAGATION);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.acknowledgements.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.acknowledgements.drop(tx);
  }

  async apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    if (recorded.type !== 'processor-acknowledged') return;
    if (!recorded.streamName.startsWith('processor-acknowledgements-')) return;
    const event = decodeAcknowledgementEvent(recorded.data);
    await this.acknowledgements.insert(tx, event.tenantId, event.recipient, {
      position: event.position,
      acknowledgedAt: toIso(recorded.recordedAt.getTime()),
    });
  }
}
