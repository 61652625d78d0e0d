import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../../../read-store/read-store.port';
import { READ_STORE } from '../../../read-store';
import { checkpointAt } from '../../checkpoints/checkpoint-store';
import { CheckpointNotFoundError } from '../audit-query.errors';
import { GetCheckpointQuery } from './get-checkpoint.query';

@QueryHandler(GetCheckpointQuery)
export class GetCheckpointHandler implements IQueryHandler<GetCheckpointQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ tenantId, size }: GetCheckpointQuery): Promise<string> {
    const checkpoint = await checkpointAt(this.readStore, tenantId, size);
    if (!checkpoint) {
      throw new CheckpointNotFoundError(
        `No checkpoint of tree size ${size} was signed; GET /v1/audit/checkpoint gives the latest.`,
      );
    }
    return checkpoint.note;
  }
}
