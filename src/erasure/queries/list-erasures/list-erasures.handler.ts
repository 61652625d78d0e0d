import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { toIso } from '../../../shared/time/instant';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../event-store';
import { ReadYourWrites } from '../../../projections';
import type { ReadStore } from '../../../read-store/read-store.port';
import { READ_STORE } from '../../../read-store';
import { ERASURE_REQUESTS } from '../../read-model/erasure-requests.projection';
import { ErasureRequestsTable } from '../../read-model/erasure-requests.table';
import { ERASURE_NOTIFIER } from '../../workflow/erasure-notifier.projection';
import { erasureViewOf } from '../erasure-view-of';
import type { ErasureListView } from '../erasure.view';
import { encodeCursor } from './erasure-cursor';
import { ListErasuresQuery } from './list-erasures.query';

const table = new ErasureRequestsTable(ERASURE_REQUESTS);

/**
 * The tenant's erasure requests from the `erasure_requests` read model, earliest deadline
 * first. A consistency token waits for the workflow to have reacted to every event up to it
 * (its notifications are appended after the request), then for the read model to have
 * caught up with all of that.
 */
@QueryHandler(ListErasuresQuery)
export class ListErasuresHandler implements IQueryHandler<ListErasuresQuery> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({
    tenantId,
    filter,
    consistencyToken,
  }: ListErasuresQuery): Promise<ErasureListView> {
    if (consistencyToken !== undefined) {
      await this.readYourWrites.reach(consistencyToken, [ERASURE_NOTIFIER]);
      await this.readYourWrites.reach(await this.eventStore.headPosition(), [ERASURE_REQUESTS]);
    }
    const answeredAtPosition = this.readYourWrites.positionOf(ERASURE_REQUESTS);
    const now = toIso(this.clock.now());
    const records = await table.list(this.readStore, tenantId, { ...filter, now });
    const last = records[records.length - 1];
    return {
      erasures: records.map((record) => erasureViewOf(record, now)),
      now,
      answeredAtPosition: answeredAtPosition.toString(),
      nextCursor:
        last && records.length === filter.limit
          ? encodeCursor({
              deadline: last.deadline,
              subjectId: last.subjectId,
              erasureId: last.erasureId,
            })
          : null,
    };
  }
}
