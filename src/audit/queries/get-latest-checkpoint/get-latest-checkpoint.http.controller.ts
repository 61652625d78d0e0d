import { Controller, Get, Header, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { AuditProblemsInterceptor } from '../../http/audit-problems.interceptor';
import { NOTE_CONTENT_TYPE, NOTE_RESPONSE } from '../../http/signed-note.response';
import { GetLatestCheckpointQuery } from './get-latest-checkpoint.query';

@ApiTags('audit')
@Controller('v1/audit/checkpoint')
@UseInterceptors(AuditProblemsInterceptor)
@Roles('auditor')
export class GetLatestCheckpointController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Header('content-type', NOTE_CONTENT_TYPE)
  @ApiOperation({ summary: "The latest signed checkpoint of the caller's tenant log" })
  @ApiProduces('text/plain')
  @ApiOkResponse(NOTE_RESPONSE)
  latest(@CurrentCaller() caller: Caller): Promise<string> {
    return this.queries.execute(new GetLatestCheckpointQuery(caller.tenantId));
  }
}
