import { Controller, Get, Headers, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../../http';
import { consistencyTokenOf } from '../../../../projections';
import { GetSubjectFlowsQuery } from './get-subject-flows.query';
import { SubjectFlowsView } from './subject-flows.view';
import { DEFAULT_PAGE_SIZE, FlowsPageRequest } from '../flows-page.request.dto';
import { Roles } from '../../../../auth';

@ApiTags('audit')
@Controller('v1/subjects/:subjectId/flows')
@Roles('auditor', 'privacy-officer')
export class GetSubjectFlowsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "What flowed, and what was stopped: the subject's recorded and refused syncs",
    description:
      'In stream order, paginated with `limit` (at most 500) and `cursor`. Each names its event, its basis or the reasons it was refused, its valid time and when it was recorded.',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: SubjectFlowsView })
  flows(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', new ParseUUIDPipe()) subjectId: string,
    @Query() request: FlowsPageRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<SubjectFlowsView> {
    return this.queries.execute(
      new GetSubjectFlowsQuery(
        caller.tenantId,
        subjectId,
        request.limit ?? DEFAULT_PAGE_SIZE,
        request.cursor,
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}
