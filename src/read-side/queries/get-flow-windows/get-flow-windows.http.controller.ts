import { Controller, Get, Headers, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toIso } from '../../../shared/time/instant';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import type { FlowWindowFilter } from '../../projections/flow-window-filter';
import { FlowWindowsView } from './flow-windows.view';
import { GetFlowWindowsQuery } from './get-flow-windows.query';
import { consistencyTokenOf } from '../../../projections';
import { FlowWindowsRequest } from './get-flow-windows.request.dto';
import { Roles } from '../../../auth';

@ApiTags('audit')
@Controller('v1/subjects/:subjectId/flow-windows')
@Roles('auditor')
export class FlowWindowsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "When could this subject's data have flowed? The flow windows per combination",
    description:
      'Maximal intervals of valid time in which a standing basis permitted the flow, with the events that opened and closed them, and the one-off flows (user-initiated syncs) as instants.',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: FlowWindowsView })
  windows(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', new ParseUUIDPipe()) subjectId: string,
    @Query() request: FlowWindowsRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<FlowWindowsView> {
    const filter: FlowWindowFilter = {
      ...(request.category !== undefined ? { category: request.category } : {}),
      ...(request.recipient !== undefined ? { recipient: request.recipient } : {}),
      ...(request.purpose !== undefined ? { purpose: request.purpose } : {}),
      ...(request.from !== undefined ? { from: normalised(request.from) } : {}),
      ...(request.to !== undefined ? { to: normalised(request.to) } : {}),
    };
    const knownAt = request.knownAt === undefined ? undefined : Date.parse(request.knownAt);
    return this.queries.execute(
      new GetFlowWindowsQuery(
        caller.tenantId,
        subjectId,
        filter,
        knownAt,
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}

/** Stored instants are `…sssZ` text; a filter must be written the same way to compare as text. */
function normalised(instant: string): string {
  return toIso(Date.parse(instant));
}
