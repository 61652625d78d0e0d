import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { FlowWindowFilter } from '../../projections/flow-window-filter';
import type { FlowWindowsView } from './flow-windows.view';

export class GetFlowWindowsQuery extends Query<FlowWindowsView> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly filter: FlowWindowFilter,
    /** Epoch ms of a transaction time: answer as the ledger knew it then, from the log. */
    readonly knownAt?: number,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
