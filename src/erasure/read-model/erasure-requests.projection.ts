import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { subjectEventOf } from '../application/subject-event-of';
import { isErasureStep, requestedRecord, withStep } from './erasure-record';
import { ErasureRequestsTable } from './erasure-requests.table';

export const ERASURE_REQUESTS = 'erasure_requests';

/**
 * Every erasure request of every subject with its deadline, recipients and state: what the
 * listing (`GET /v1/erasures`, overdue requests) and the deadline metrics read. A pure read
 * model of the subject streams' erasure events; the reasons (sealed free text) stay out.
 */
export class ErasureRequestsProjection implements Projection {
  readonly name = ERASURE_REQUESTS;
  readonly version = 1;
  readonly table = new ErasureRequestsTable(ERASURE_REQUESTS);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.table.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.table.drop(tx);
  }

  async apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const fed = subjectEventOf(recorded);
    if (!fed) return;
    const { tenantId, subjectId, event } = fed;
    switch (event.type) {
      case 'erasure-requested':
        await this.table.save(tx, tenantId, requestedRecord(event));
        return;
      default: {
        if (!isErasureStep(event)) return;
        const record = await this.table.find(tx, tenantId, subjectId, event.erasureId);
        // The decider never records a step without its request.
        if (!record) throw new Error(`erasure step without a request in subject ${subjectId}`);
        await this.table.save(tx, tenantId, withStep(record, event));
      }
    }
  }
}
