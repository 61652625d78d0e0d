import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../../../read-store/read-store.port';
import { READ_STORE } from '../../../read-store';
import { AuditLogReader } from '../../log/audit-log-reader';
import { ParameterOutOfRangeError } from '../audit-query.errors';
import { treeSizeOrLatest } from '../tree-size-or-latest';
import type { ConsistencyProofView } from './consistency-proof.view';
import { GetConsistencyProofQuery } from './get-consistency-proof.query';

@QueryHandler(GetConsistencyProofQuery)
export class GetConsistencyProofHandler implements IQueryHandler<GetConsistencyProofQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute(query: GetConsistencyProofQuery): Promise<ConsistencyProofView> {
    const { tenantId, from } = query;
    const log = new AuditLogReader(this.readStore, tenantId);
    const to = await treeSizeOrLatest(this.readStore, log, tenantId, 'to', query.to);
    if (from > to) throw new ParameterOutOfRangeError('from', `from must not exceed to (${to})`);
    const proof = from === to ? [] : await log.consistencyProof(from, to);
    return { from, to, proof: proof.map((hash) => hash.toString('base64')) };
  }
}
