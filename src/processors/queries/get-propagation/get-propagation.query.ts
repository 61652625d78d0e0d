import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { Caller } from '../../../shared/tenancy/caller';
import type { PropagationView } from './propagation.view';

/** How far a recipient's processor has applied the changes that closed its windows. */
export class GetPropagationQuery extends Query<PropagationView> {
  constructor(
    readonly caller: Caller,
    readonly recipient: string,
    /** Epoch ms; the lag figures cover closing changes with closedAt in [from, to). */
    readonly from: number | undefined,
    readonly to: number | undefined,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
