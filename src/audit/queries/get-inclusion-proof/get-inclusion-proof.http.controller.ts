import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { AuditProblemsInterceptor } from '../../http/audit-problems.interceptor';
import { GetInclusionProofQuery } from './get-inclusion-proof.query';
import { GetInclusionProofRequest } from './get-inclusion-proof.request.dto';
import { InclusionProofView } from './inclusion-proof.view';

@ApiTags('audit')
@Controller('v1/audit/proofs/inclusion')
@UseInterceptors(AuditProblemsInterceptor)
@Roles('auditor')
export class GetInclusionProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "Proof that an event is a leaf of the caller's tenant log at a tree size",
    description: 'Give eventId or leafIndex. treeSize defaults to the latest checkpoint.',
  })
  @ApiOkResponse({ type: InclusionProofView })
  inclusion(
    @CurrentCaller() caller: Caller,
    @Query() request: GetInclusionProofRequest,
  ): Promise<InclusionProofView> {
    return this.queries.execute(
      new GetInclusionProofQuery(
        caller.tenantId,
        request.eventId !== undefined
          ? { eventId: request.eventId }
          : { leafIndex: Number(request.leafIndex) },
        request.treeSize === undefined ? undefined : Number(request.treeSize),
      ),
    );
  }
}
