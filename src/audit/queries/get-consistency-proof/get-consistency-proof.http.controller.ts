import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { AuditProblemsInterceptor } from '../../http/audit-problems.interceptor';
import { ConsistencyProofView } from './consistency-proof.view';
import { GetConsistencyProofQuery } from './get-consistency-proof.query';
import { GetConsistencyProofRequest } from './get-consistency-proof.request.dto';

@ApiTags('audit')
@Controller('v1/audit/proofs/consistency')
@UseInterceptors(AuditProblemsInterceptor)
@Roles('auditor')
export class GetConsistencyProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "Proof that the caller's tenant log at size `from` is a prefix of it at size `to`",
    description: 'to defaults to the latest checkpoint.',
  })
  @ApiOkResponse({ type: ConsistencyProofView })
  consistency(
    @CurrentCaller() caller: Caller,
    @Query() request: GetConsistencyProofRequest,
  ): Promise<ConsistencyProofView> {
    return this.queries.execute(
      new GetConsistencyProofQuery(
        caller.tenantId,
        Number(request.from),
        request.to === undefined ? undefined : Number(request.to),
      ),
    );
  }
}
