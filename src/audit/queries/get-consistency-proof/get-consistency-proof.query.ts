import { Query } from '@nestjs/cqrs';
import type { ConsistencyProofView } from './consistency-proof.view';

export class GetConsistencyProofQuery extends Query<ConsistencyProofView> {
  constructor(
    readonly tenantId: string,
    /** The older tree size. */
    readonly from: number,
    /** The newer tree size; undefined: the latest checkpoint's. */
    readonly to: number | undefined,
  ) {
    super();
  }
}
