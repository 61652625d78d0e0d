import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { FEED, type FeedChange, FeedReader } from '../../../feed';
import { ReadYourWrites } from '../../../projections';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { toIso } from '../../../shared/time/instant';
import { acknowledgedAtOf, lagSeconds, summarizeLags } from '../../domain/propagation-lag';
import { requireOfferedRecipient } from '../../offered-recipient';
import { PROPAGATION } from '../../projection/propagation.projection';
import { PropagationReader } from '../../propagation-reader';
import { GetPropagationQuery } from './get-propagation.query';
import type { ClosingChangeView, PropagationView } from './propagation.view';

/** How many of the unacknowledged closing changes the answer lists. */
export const OLDEST_SHOWN = 10;
/** The lag period when the caller names none. */
export const DEFAULT_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The propagation ledger of one recipient (ADR 0044): the feed's closing changes for it,
 * joined with its acknowledgements. A closing change is acknowledged by the first
 * acknowledgement whose position reaches it.
 */
@QueryHandler(GetPropagationQuery)
export class GetPropagationHandler implements IQueryHandler<GetPropagationQuery> {
  constructor(
    @Inject(FeedReader) private readonly feed: FeedReader,
    @Inject(PropagationReader) private readonly ledger: PropagationReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly consistency: ReadYourWrites,
    private readonly queries: QueryBus,
  ) {}

  async execute(query: GetPropagationQuery): Promise<PropagationView> {
    const { caller, recipient } = query;
    const { tenantId } = caller;
    await requireOfferedRecipient(this.queries, caller, recipient);
    await this.consistency.reach(query.consistencyToken, [FEED, PROPAGATION]);
    const to = query.to ?? this.clock.now();
    const period = { from: query.from ?? to - DEFAULT_PERIOD_MS, to };
    const acknowledgements = await this.ledger.acknowledgementsOf(tenantId, recipient);
    const last = acknowledgements[acknowledgements.length - 1];
    const after = last?.position ?? 0;
    const [count, oldest, acknowledged] = await Promise.all([
      this.feed.countClosingChanges(tenantId, recipient, { after }),
      this.feed.closingChanges(tenantId, recipient, { after }, OLDEST_SHOWN),
      this.feed.closingChanges(tenantId, recipient, {
        upTo: after,
        closedFrom: toIso(period.from),
        closedBefore: toIso(period.to),
      }),
    ]);
    const lags = acknowledged.map((change) =>
      lagSeconds(change.validFrom, acknowledgedAtOf(change.position, acknowledgements)!),
    );
    return {
      recipient,
      lastAcknowledgedPosition: last?.position ?? null,
      lastAcknowledgedAt: last?.acknowledgedAt ?? null,
      unacknowledged: { count, oldest: oldest.map(closingChangeView) },
      lag: { from: toIso(period.from), to: toIso(period.to), ...summarizeLags(lags) },
    };
  }
}

function closingChangeView(change: FeedChange): ClosingChangeView {
  return {
    position: change.position,
    subjectId: change.subjectId,
    category: change.category,
    purpose: change.purpose,
    closedAt: change.validFrom,
  };
}
