import { Controller, Get, Header, Param, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { AuditProblemsInterceptor } from '../../http/audit-problems.interceptor';
import { NOTE_CONTENT_TYPE, NOTE_RESPONSE } from '../../http/signed-note.response';
import { GetCheckpointQuery } from './get-checkpoint.query';
import { GetCheckpointRequest } from './get-checkpoint.request.dto';

@ApiTags('audit')
@Controller('v1/audit/checkpoints/:size')
@UseInterceptors(AuditProblemsInterceptor)
@Roles('auditor')
export class GetCheckpointController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Header('content-type', NOTE_CONTENT_TYPE)
  @ApiOperation({ summary: 'The signed checkpoint of one tree size, if one was signed' })
  @ApiProduces('text/plain')
  @ApiOkResponse(NOTE_RESPONSE)
  atSize(@CurrentCaller() caller: Caller, @Param() path: GetCheckpointRequest): Promise<string> {
    return this.queries.execute(new GetCheckpointQuery(caller.tenantId, Number(path.size)));
  }
}
