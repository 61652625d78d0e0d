import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { GetSubjectPermissionsQuery } from './get-subject-permissions.query';
import { GetSubjectPermissionsRequest } from './get-subject-permissions.request.dto';
import { SubjectPermissionsView } from './subject-permissions.view';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';
import { parseRfc3339 } from '../../../shared/time/rfc3339';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/permissions')
@Roles('app', 'auditor')
export class GetSubjectPermissionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "The subject's permission for every combination the policy offers",
    description: 'Read from the log itself, so it always includes the latest command.',
  })
  @ApiOkResponse({ type: SubjectPermissionsView })
  permissions(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Query() request: GetSubjectPermissionsRequest,
  ): Promise<SubjectPermissionsView> {
    // Validated by the DTO: the parser only turns the text into epoch milliseconds.
    const at = request.at === undefined ? undefined : parseRfc3339(request.at);
    return this.queries.execute(new GetSubjectPermissionsQuery(caller.tenantId, subjectId, at));
  }
}
