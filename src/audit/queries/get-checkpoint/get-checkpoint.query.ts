import { Query } from '@nestjs/cqrs';

/** The signed note of the checkpoint of one tree size, if one was signed. */
export class GetCheckpointQuery extends Query<string> {
  constructor(
    readonly tenantId: string,
    readonly size: number,
  ) {
    super();
  }
}
