import { Controller, Get, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { ConsentSummaryView } from './consent-summary.view';
import { GetConsentSummaryQuery } from './get-consent-summary.query';
import { ConsentSummaryRequest } from './get-consent-summary.request.dto';
import { consistencyTokenOf } from '../../../projections';

@ApiTags('audit')
@Controller('v1/consent-state/summary')
export class ConsentSummaryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('auditor', 'tenant-admin')
  @ApiOperation({
    summary: "The tenant's subjects and permissions, counted, as of now",
    description:
      'Subjects registered, active, in Local Data Mode and erased; per combination the subjects the flow is permitted for (by basis) and not. Kept current by the flow_windows projection, so the cost does not grow with the number of subjects.',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: ConsentSummaryView })
  summary(
    @CurrentCaller() caller: Caller,
    @Query() request: ConsentSummaryRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<ConsentSummaryView> {
    return this.queries.execute(
      new GetConsentSummaryQuery(
        caller.tenantId,
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}
