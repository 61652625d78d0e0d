import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../shared/domain/domain-error';
import { toIso } from '../../../shared/time/instant';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import { ReadYourWrites } from '../../../projections';
import type { CombinationRecord } from '../../replay/flow-window-records';
import { FLOW_WINDOWS } from '../../projections/flow-windows.projection';
import { withAcknowledgements } from './acknowledged-windows';
import { ClosingAcknowledgementsQuery } from './closing-acknowledgements.query';
import { FlowWindowsAsKnownAt } from './flow-windows-as-known-at';
import type { FlowWindowsView } from './flow-windows.view';
import { GetFlowWindowsQuery } from './get-flow-windows.query';
import { ProjectedFlowWindows } from './projected-flow-windows';

/**
 * Without `knownAt`, from the `flow_windows` projection (after waiting for the consistency
 * token). With it, from the log as it stood then: the log is always current, so a token
 * needs no wait there, and the answer says which head of the feed it read. Without `knownAt`,
 * each closed window also says when its recipient's processor acknowledged the change that
 * closed it (ADR 0044; asked of src/processors through the QueryBus).
 */
@QueryHandler(GetFlowWindowsQuery)
export class GetFlowWindowsHandler implements IQueryHandler<GetFlowWindowsQuery> {
  constructor(
    private readonly projected: ProjectedFlowWindows,
    private readonly asKnownAt: FlowWindowsAsKnownAt,
    private readonly consistency: ReadYourWrites,
    private readonly queries: QueryBus,
  ) {}

  async execute(query: GetFlowWindowsQuery): Promise<FlowWindowsView> {
    const { tenantId, subjectId, filter, knownAt } = query;
    let position: GlobalPosition;
    let combinations: CombinationRecord[] | undefined;
    if (knownAt === undefined) {
      await this.consistency.reach(query.consistencyToken, [FLOW_WINDOWS]);
      position = this.consistency.positionOf(FLOW_WINDOWS);
      combinations = await this.projected.read(tenantId, subjectId, filter);
      if (combinations) {
        // As the ledger knows it now; an answer as known at another time leaves them out.
        const closings = await this.queries.execute(
          new ClosingAcknowledgementsQuery(tenantId, subjectId, query.consistencyToken),
        );
        combinations = withAcknowledgements(combinations, closings);
      }
    } else {
      position = await this.asKnownAt.headPosition();
      combinations = await this.asKnownAt.read(tenantId, subjectId, filter, knownAt);
    }
    if (!combinations) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    return {
      subjectId,
      ...(knownAt !== undefined ? { knownAt: toIso(knownAt) } : {}),
      answeredAtPosition: position.toString(),
      combinations,
    };
  }
}
