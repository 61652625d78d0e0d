import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { AskedQuestion } from '../check-permission/check-permission.query';
import type { CheckBatchView } from './check-batch.view';

export class CheckBatchQuery extends Query<CheckBatchView> {
  constructor(
    readonly tenantId: string,
    readonly questions: readonly AskedQuestion[],
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
