import { Inject, Injectable } from '@nestjs/common';
import { PolicyReader } from '../../consent';
import { decodeSubjectEvent, type PolicyHistory, type SubjectEvent } from '../../consent/domain';
import { EVENT_STORE } from '../../event-store';
import type { EventStore } from '../../event-store/event-store.port';
import { DomainError } from '../../shared/domain/domain-error';
import { subjectStream } from '../../shared/tenancy/stream-names';
import { RecordsRefusal } from '../records.errors';

export interface IdentifiedEvent {
  readonly eventId: string;
  readonly event: SubjectEvent;
}

export interface SubjectLedgerView {
  /** The subject's events in stream order, each with the id the ledger stored it under. */
  readonly events: readonly IdentifiedEvent[];
  readonly residency: string;
  readonly policy: PolicyHistory;
}

/**
 * One subject's events read from the log itself (always current, like the subject queries
 * of src/consent), with their ids, and the tenant's policy history. A subject of another
 * tenant lives in another stream, so it reads as unknown.
 */
@Injectable()
export class SubjectLedger {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly policies: PolicyReader,
  ) {}

  async read(tenantId: string, subjectId: string): Promise<SubjectLedgerView> {
    const stored = await this.store.readStream(subjectStream(tenantId, subjectId));
    if (stored.length === 0) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    const events = stored.map((e) => ({ eventId: e.id, event: decodeSubjectEvent(e.data) }));
    if (events.some(({ event }) => isAccountErasure(event))) {
      // What was erased stays gone: not even the pseudonym's decisions are handed out again.
      throw new RecordsRefusal(
        'subject-erased',
        `subject ${subjectId} was erased; its receipts and records are no longer issued`,
      );
    }
    const [first] = events;
    return {
      events,
      // A subject stream always opens with its registration (the decider refuses all else).
      residency: first?.event.type === 'subject-registered' ? first.event.residency : '',
      policy: await this.policies.history(tenantId),
    };
  }
}

function isAccountErasure(event: SubjectEvent): boolean {
  return event.type === 'erasure-completed' && event.scope.kind === 'account';
}
