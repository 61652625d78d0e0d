import { Controller, Get, Headers, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { etagOf, SubjectIdPipe } from '../../../consent';
import { consistencyTokenOf } from '../../../projections';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { ErasureIdPipe } from '../../http/erasure-id.pipe';
import { ErasureProblemsInterceptor } from '../../http/erasure-problems.interceptor';
import { ErasureDetailView } from '../erasure.view';
import { GetErasureQuery } from './get-erasure.query';
import { Roles } from '../../../auth';

@ApiTags('erasure')
@Controller('v1/subjects/:subjectId/erasure-requests/:erasureId')
@UseInterceptors(ErasureProblemsInterceptor)
@Roles('privacy-officer', 'auditor')
export class GetErasureController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'An erasure request: deadline, recipients, confirmations, completion, shredding',
    description:
      'Read from the log. With a consistencyToken it first waits until the workflow has reacted to every event up to it (notifications recorded, shredding run).',
  })
  @ApiQuery({ name: 'consistencyToken', required: false })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: ErasureDetailView })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('erasureId', ErasureIdPipe) erasureId: string,
    @Query('consistencyToken') tokenQuery: string | undefined,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureDetailView> {
    const view = await this.queries.execute(
      new GetErasureQuery(
        caller.tenantId,
        subjectId,
        erasureId,
        consistencyTokenOf(tokenQuery, tokenHeader),
      ),
    );
    void reply.header('etag', etagOf(view.revision));
    // The reasons are personal data: no shared cache may keep them.
    void reply.header('cache-control', 'no-store');
    return view;
  }
}
