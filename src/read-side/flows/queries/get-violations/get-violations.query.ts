import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../../event-store/event-store.port';
import type { ViolationsView } from './violations.view';

export class GetViolationsQuery extends Query<ViolationsView> {
  constructor(
    readonly tenantId: string,
    readonly limit: number,
    /** A `nextCursor` of this list, as given. */
    readonly cursor?: string,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
