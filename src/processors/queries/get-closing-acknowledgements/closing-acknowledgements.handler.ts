import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FEED, FeedReader } from '../../../feed';
import { ReadYourWrites } from '../../../projections';
import { type ClosingAcknowledgement, ClosingAcknowledgementsQuery } from '../../../read-side';
import { acknowledgedAtOf } from '../../domain/propagation-lag';
import type { StoredAcknowledgement } from '../../projection/acknowledgements.table';
import { PROPAGATION } from '../../projection/propagation.projection';
import { PropagationReader } from '../../propagation-reader';

/** A subject's closing changes with their acknowledgements, for its flow windows (ADR 0044). */
@QueryHandler(ClosingAcknowledgementsQuery)
export class ClosingAcknowledgementsHandler implements IQueryHandler<ClosingAcknowledgementsQuery> {
  constructor(
    @Inject(FeedReader) private readonly feed: FeedReader,
    @Inject(PropagationReader) private readonly ledger: PropagationReader,
    private readonly consistency: ReadYourWrites,
  ) {}

  async execute(query: ClosingAcknowledgementsQuery): Promise<ClosingAcknowledgement[]> {
    const { tenantId, subjectId } = query;
    await this.consistency.reach(query.consistencyToken, [FEED, PROPAGATION]);
    const closings = await this.feed.subjectClosingChanges(tenantId, subjectId);
    const acknowledgements = new Map<string, StoredAcknowledgement[]>();
    for (const recipient of new Set(closings.map((c) => c.recipient))) {
      acknowledgements.set(recipient, await this.ledger.acknowledgementsOf(tenantId, recipient));
    }
    return closings.map((change) => ({
      category: change.category,
      recipient: change.recipient,
      purpose: change.purpose,
      closedAt: change.validFrom,
      acknowledgedAt: acknowledgedAtOf(change.position, acknowledgements.get(change.recipient)!),
    }));
  }
}
