import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../../../http/problem';
import { PROBLEM_TYPES } from '../../../http/problem-types';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http/current-caller.decorator';
import { GetSubjectPermissionsQuery } from './get-subject-permissions.query';
import { SubjectPermissionsView } from './subject-permissions.view';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth/roles.decorator';
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
  @ApiQuery({
    name: 'at',
    required: false,
    description: 'RFC 3339 instant with an offset, e.g. 2026-03-01T12:00:00Z; default now',
  })
  @ApiOkResponse({ type: SubjectPermissionsView })
  permissions(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Query('at') at?: string,
  ): Promise<SubjectPermissionsView> {
    return this.queries.execute(
      new GetSubjectPermissionsQuery(caller.tenantId, subjectId, instantParameter(at)),
    );
  }
}

function instantParameter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const millis = parseRfc3339(value);
  if (millis === undefined) {
    throw new ProblemException({
      type: PROBLEM_TYPES.validationError,
      title: 'Invalid query parameter',
      status: 400,
      detail: 'at must be an ISO-8601 date-time such as 2026-11-22T10:00:00.000Z',
      extensions: { errors: [{ field: 'at', message: 'must be an ISO-8601 date-time' }] },
    });
  }
  return millis;
}
