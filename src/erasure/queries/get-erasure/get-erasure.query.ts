import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { ErasureDetailView } from '../erasure.view';

export class GetErasureQuery extends Query<ErasureDetailView> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly erasureId: string,
    /** Wait until the workflow has reacted to every event up to this position. */
    readonly consistencyToken: GlobalPosition | undefined,
  ) {
    super();
  }
}
