import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../../../read-store/read-store.port';
import { READ_STORE } from '../../../read-store';
import { AuditLogReader } from '../../log/audit-log-reader';
import { LeafNotFoundError, ParameterOutOfRangeError } from '../audit-query.errors';
import { treeSizeOrLatest } from '../tree-size-or-latest';
import { GetInclusionProofQuery, type LeafSelector } from './get-inclusion-proof.query';
import type { InclusionProofView } from './inclusion-proof.view';

@QueryHandler(GetInclusionProofQuery)
export class GetInclusionProofHandler implements IQueryHandler<GetInclusionProofQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute(query: GetInclusionProofQuery): Promise<InclusionProofView> {
    const log = new AuditLogReader(this.readStore, query.tenantId);
    const treeSize = await treeSizeOrLatest(
      this.readStore,
      log,
      query.tenantId,
      'treeSize',
      query.treeSize,
    );
    const leafIndex = await leafIndexIn(log, query.leaf, treeSize);
    const [leafHash, proof, link] = await Promise.all([
      log.leafHash(leafIndex),
      log.inclusionProof(leafIndex, treeSize),
      log.leafLink(leafIndex),
    ]);
    return {
      leafIndex,
      treeSize,
      leafHash: leafHash.toString('base64'),
      proof: proof.map((hash) => hash.toString('base64')),
      ...(link === undefined ? {} : { leafFormat: 2 as const, previousInStream: link }),
    };
  }
}

/** The index of the selected leaf, which must lie in the tree of `treeSize`. */
async function leafIndexIn(
  log: AuditLogReader,
  leaf: LeafSelector,
  treeSize: number,
): Promise<number> {
  if ('leafIndex' in leaf) {
    if (leaf.leafIndex >= treeSize) {
      throw new ParameterOutOfRangeError(
        'leafIndex',
        `leafIndex must be less than treeSize (${treeSize})`,
      );
    }
    return leaf.leafIndex;
  }
  const found = await log.leafIndexOf(leaf.eventId);
  if (found === undefined)
    throw new LeafNotFoundError('The tenant log holds no event with this id.');
  if (found >= treeSize) {
    throw new LeafNotFoundError(
      `The event is leaf ${found}, not yet in the tree of size ${treeSize}; ask again with a later treeSize.`,
    );
  }
  return found;
}
