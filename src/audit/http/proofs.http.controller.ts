import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ReadStore } from '../../read-store/read-store.port';
import { READ_STORE } from '../../read-store/read-store.token';
import type { Caller } from '../../shared/tenancy/caller';
import { CurrentCaller } from '../../http/current-caller.decorator';
import { latestCheckpoint } from '../checkpoints/checkpoint-store';
import { AuditLogReader } from '../log/audit-log-reader';
import { countParameter, leafSelector, requiredCount } from './audit-parameters';
import {
  checkpointNotFound,
  invalidParameters,
  leafNotFound,
  treeSizeOutOfRange,
} from './audit-problems';
import { ConsistencyProofView, InclusionProofView } from './proof.views';
import { Roles } from '../../auth/roles.decorator';

@ApiTags('audit')
@Controller('v1/audit/proofs')
@Roles('auditor')
export class ProofsController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get('inclusion')
  @ApiOperation({
    summary: "Proof that an event is a leaf of the caller's tenant log at a tree size",
    description: 'Give eventId or leafIndex. treeSize defaults to the latest checkpoint.',
  })
  @ApiQuery({ name: 'eventId', required: false })
  @ApiQuery({ name: 'leafIndex', required: false })
  @ApiQuery({ name: 'treeSize', required: false })
  @ApiOkResponse({ type: InclusionProofView })
  async inclusion(
    @CurrentCaller() caller: Caller,
    @Query('eventId') eventId?: string,
    @Query('leafIndex') leafIndexText?: string,
    @Query('treeSize') treeSizeText?: string,
  ): Promise<InclusionProofView> {
    const selector = leafSelector(eventId, leafIndexText);
    const requestedSize = countParameter('treeSize', treeSizeText, 1);
    const log = new AuditLogReader(this.readStore, caller.tenantId);
    const treeSize = await this.sizeOrLatest(caller.tenantId, 'treeSize', requestedSize, log);
    let leafIndex: number;
    if ('eventId' in selector) {
      const found = await log.leafIndexOf(selector.eventId);
      if (found === undefined) throw leafNotFound('The tenant log holds no event with this id.');
      if (found >= treeSize) {
        throw leafNotFound(
          `The event is leaf ${found}, not yet in the tree of size ${treeSize}; ask again with a later treeSize.`,
        );
      }
      leafIndex = found;
    } else {
      leafIndex = selector.leafIndex;
      if (leafIndex >= treeSize) {
        throw invalidParameters([
          { field: 'leafIndex', message: `leafIndex must be less than treeSize (${treeSize})` },
        ]);
      }
    }
    const [leafHash, proof] = await Promise.all([
      log.leafHash(leafIndex),
      log.inclusionProof(leafIndex, treeSize),
    ]);
    return {
      leafIndex,
      treeSize,
      leafHash: leafHash.toString('base64'),
      proof: proof.map((hash) => hash.toString('base64')),
    };
  }

  @Get('consistency')
  @ApiOperation({
    summary: "Proof that the caller's tenant log at size `from` is a prefix of it at size `to`",
    description: 'to defaults to the latest checkpoint.',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: false })
  @ApiOkResponse({ type: ConsistencyProofView })
  async consistency(
    @CurrentCaller() caller: Caller,
    @Query('from') fromText?: string,
    @Query('to') toText?: string,
  ): Promise<ConsistencyProofView> {
    const from = requiredCount('from', fromText, 1);
    const requestedTo = countParameter('to', toText, 1);
    const log = new AuditLogReader(this.readStore, caller.tenantId);
    const to = await this.sizeOrLatest(caller.tenantId, 'to', requestedTo, log);
    if (from > to) {
      throw invalidParameters([{ field: 'from', message: `from must not exceed to (${to})` }]);
    }
    const proof = from === to ? [] : await log.consistencyProof(from, to);
    return { from, to, proof: proof.map((hash) => hash.toString('base64')) };
  }

  /** The requested size if the log reaches it, else the latest checkpoint's size. */
  private async sizeOrLatest(
    tenant: string,
    field: string,
    requested: number | undefined,
    log: AuditLogReader,
  ): Promise<number> {
    const size = requested ?? (await latestCheckpoint(this.readStore, tenant))?.size;
    if (size === undefined) {
      throw checkpointNotFound(`The tenant log has no signed checkpoint yet; give ${field}.`);
    }
    const logSize = await log.size();
    if (size > logSize) throw treeSizeOutOfRange(field, size, logSize);
    return size;
  }
}
