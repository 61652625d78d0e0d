import { Controller, Get, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../../http';
import { consistencyTokenOf } from '../../../../projections';
import { GetViolationsQuery } from './get-violations.query';
import { ViolationsView } from './violations.view';
import { DEFAULT_PAGE_SIZE, FlowsPageRequest } from '../flows-page.request.dto';
import { Roles } from '../../../../auth';

@ApiTags('audit')
@Controller('v1/violations')
@Roles('auditor')
export class GetViolationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Recorded flows that no flow window permits, as the ledger knows it now',
    description:
      'Tenant-wide. A flow recorded on a standing basis whose valid time lies outside every window of its combination: possible once flows or Local Data Mode switches are imported after the fact. Each names its event and why: no window at all, or the nearest window. Syncs recorded on their own one-off consent are not windows and are not compared. Paginated with `limit` (at most 500) and `cursor`; a page may hold fewer than `limit` when windows changed while it was read.',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: ViolationsView })
  violations(
    @CurrentCaller() caller: Caller,
    @Query() request: FlowsPageRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<ViolationsView> {
    return this.queries.execute(
      new GetViolationsQuery(
        caller.tenantId,
        request.limit ?? DEFAULT_PAGE_SIZE,
        request.cursor,
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}
