import { Controller, Get, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, PROBLEM_TYPES, CurrentCaller } from '../../../http';
import { consistencyTokenOf } from '../../../projections';
import type { Caller } from '../../../shared/tenancy/caller';
import { ErasureListView } from '../erasure.view';
import { decodeCursor } from './erasure-cursor';
import { ListErasuresQuery } from './list-erasures.query';
import { DEFAULT_LIMIT, ListErasuresRequest, MAX_LIMIT } from './list-erasures.request.dto';
import { Roles } from '../../../auth';

@ApiTags('erasure')
@Controller('v1/erasures')
@Roles('privacy-officer', 'auditor')
export class ListErasuresController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Erasure requests with their deadlines, earliest first; ?overdue=true for late ones',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: ErasureListView })
  list(
    @CurrentCaller() caller: Caller,
    @Query() request: ListErasuresRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<ErasureListView> {
    const limit = request.limit === undefined ? DEFAULT_LIMIT : Number(request.limit);
    if (limit > MAX_LIMIT) {
      throw new ProblemException({
        type: PROBLEM_TYPES.validationError,
        title: 'Invalid query parameter',
        status: 400,
        detail: `limit must be a whole number from 1 to ${MAX_LIMIT}`,
        extensions: { errors: [{ field: 'limit', message: `must be at most ${MAX_LIMIT}` }] },
      });
    }
    return this.queries.execute(
      new ListErasuresQuery(
        caller.tenantId,
        {
          ...(request.state !== undefined ? { state: request.state } : {}),
          ...(request.overdue !== undefined ? { overdue: request.overdue === 'true' } : {}),
          ...(request.cursor !== undefined ? { after: decodeCursor(request.cursor) } : {}),
          limit,
        },
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}
