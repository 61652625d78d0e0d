import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { ReadYourWrites } from '../../../projections';
import { FLOW_WINDOWS } from '../../projections/flow-windows.projection';
import { ConsentSummaryReader } from './consent-summary-reader';
import type { ConsentSummaryView } from './consent-summary.view';
import { GetConsentSummaryQuery } from './get-consent-summary.query';

/** The tenant's counts as of now, from the `flow_windows` projection. */
@QueryHandler(GetConsentSummaryQuery)
export class GetConsentSummaryHandler implements IQueryHandler<GetConsentSummaryQuery> {
  constructor(
    private readonly reader: ConsentSummaryReader,
    private readonly consistency: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    tenantId,
    consistencyToken,
  }: GetConsentSummaryQuery): Promise<ConsentSummaryView> {
    await this.consistency.reach(consistencyToken, [FLOW_WINDOWS]);
    const position = this.consistency.positionOf(FLOW_WINDOWS);
    const summary = await this.reader.read(tenantId, this.clock.now());
    return { ...summary, answeredAtPosition: position.toString() };
  }
}
