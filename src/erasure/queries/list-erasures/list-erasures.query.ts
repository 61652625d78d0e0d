import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { ErasureCursor } from '../../read-model/erasure-requests.table';
import type { ErasureListView } from '../erasure.view';

export class ListErasuresQuery extends Query<ErasureListView> {
  constructor(
    readonly tenantId: string,
    readonly filter: {
      readonly state?: 'open' | 'completed';
      readonly overdue?: boolean;
      readonly after?: ErasureCursor;
      readonly limit: number;
    },
    readonly consistencyToken: GlobalPosition | undefined,
  ) {
    super();
  }
}
