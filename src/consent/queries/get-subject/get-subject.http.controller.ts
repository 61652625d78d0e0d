import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { etagOf } from '../../http/if-match';
import { GetSubjectQuery } from './get-subject.query';
import { SubjectView } from './subject.view';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

@ApiTags('subjects')
@Controller('v1/subjects')
@Roles('app', 'privacy-officer')
export class GetSubjectController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':subjectId')
  @ApiOperation({ summary: "A subject's registration, with its personal fields decrypted" })
  @ApiOkResponse({ type: SubjectView })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubjectView> {
    const view = await this.queries.execute(new GetSubjectQuery(caller.tenantId, subjectId));
    void reply.header('etag', etagOf(view.revision));
    // Personal data: no shared cache may keep it.
    void reply.header('cache-control', 'no-store');
    return view;
  }
}
