import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../../../read-store/read-store.port';
import { READ_STORE } from '../../../read-store';
import { latestCheckpoint } from '../../checkpoints/checkpoint-store';
import { CheckpointNotFoundError } from '../audit-query.errors';
import { GetLatestCheckpointQuery } from './get-latest-checkpoint.query';

@QueryHandler(GetLatestCheckpointQuery)
export class GetLatestCheckpointHandler implements IQueryHandler<GetLatestCheckpointQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ tenantId }: GetLatestCheckpointQuery): Promise<string> {
    const checkpoint = await latestCheckpoint(this.readStore, tenantId);
    if (!checkpoint)
      throw new CheckpointNotFoundError('The tenant log has no signed checkpoint yet.');
    return checkpoint.note;
  }
}
