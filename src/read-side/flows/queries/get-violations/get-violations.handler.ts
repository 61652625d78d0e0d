import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../../../../read-store/read-store.port';
import { READ_STORE } from '../../../../read-store';
import { ReadYourWrites } from '../../../../projections';
import type { FlowWindowRecord } from '../../../replay/flow-window-records';
import { FlowWindowRowsTable, combinationKey } from '../../../projections/flow-window-rows.table';
import { FLOW_WINDOWS } from '../../../projections/flow-windows.projection';
import type { FlowAttempt } from '../../flow-attempt';
import { FLOWS } from '../../flows.projection';
import { decodeCursor, encodeCursor, isRevision } from '../../page-cursor';
import { GetViolationsQuery } from './get-violations.query';
import { UnpermittedFlows, type FlowKey } from './unpermitted-flows';
import { violationView, type ViolationsView } from './violations.view';
import { whyOutside } from './why-outside';

const LIST = 'violations';

/**
 * The tenant's violations report: recorded flows outside every window of their
 * combination as the ledger knows it now (a flow or a Local Data Mode switch imported
 * after the fact can put one there), each with why. Computed on demand from the `flows`
 * and `flow_windows` read models.
 */
@QueryHandler(GetViolationsQuery)
export class GetViolationsHandler implements IQueryHandler<GetViolationsQuery> {
  private readonly unpermitted: UnpermittedFlows;
  private readonly windows = new FlowWindowRowsTable(FLOW_WINDOWS);

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly consistency: ReadYourWrites,
  ) {
    this.unpermitted = new UnpermittedFlows(store);
  }

  async execute(query: GetViolationsQuery): Promise<ViolationsView> {
    const { tenantId, limit } = query;
    const after =
      query.cursor === undefined ? undefined : decodeCursor(LIST, query.cursor, isFlowKey);
    await this.consistency.reach(query.consistencyToken, [FLOWS, FLOW_WINDOWS]);
    const windowsAt = this.consistency.positionOf(FLOW_WINDOWS);
    const flowsAt = this.consistency.positionOf(FLOWS);
    // One more than asked tells whether another page follows.
    const found = await this.unpermitted.page(tenantId, windowsAt, after, limit + 1);
    const page = found.slice(0, limit);
    const windowsByCombination = new Map<string, readonly FlowWindowRecord[]>();
    const violations = [];
    for (const flow of page) {
      const key = `${flow.subjectId}\u0000${combinationKey(flow)}`;
      let windows = windowsByCombination.get(key);
      if (!windows) {
        windows = await this.windowsOf(tenantId, flow);
        windowsByCombination.set(key, windows);
      }
      // Windows that changed since the query above may hold the flow after all.
      const why = whyOutside(flow.occurredAt, windows);
      if (why) violations.push(violationView(flow, why));
    }
    const last = page[page.length - 1];
    return {
      answeredAtPosition: (windowsAt < flowsAt ? windowsAt : flowsAt).toString(),
      violations,
      ...(found.length > limit && last
        ? { nextCursor: encodeCursor(LIST, { subjectId: last.subjectId, revision: last.revision }) }
        : {}),
    };
  }

  private async windowsOf(tenantId: string, flow: FlowAttempt): Promise<FlowWindowRecord[]> {
    const stored = await this.windows.read(this.store, tenantId, flow.subjectId, {
      category: flow.category,
      recipient: flow.recipient,
      purpose: flow.purpose,
    });
    return stored.get(combinationKey(flow))?.windows ?? [];
  }
}

function isFlowKey(value: unknown): value is FlowKey {
  const key = value as Partial<FlowKey> | null;
  return (
    typeof key === 'object' &&
    key !== null &&
    typeof key.subjectId === 'string' &&
    isRevision(key.revision)
  );
}
