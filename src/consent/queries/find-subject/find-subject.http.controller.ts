import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProblemException, PROBLEM_TYPES, CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { FindSubjectQuery } from './find-subject.query';
import { FindSubjectRequest } from './find-subject.request.dto';
import { Roles } from '../../../auth';

class FoundSubject {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
}

@ApiTags('subjects')
@Controller('v1/subjects/lookup')
@Roles('app', 'privacy-officer')
export class FindSubjectController {
  constructor(private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Find a subject's pseudonym by the app's own id",
    description: 'A query sent as POST so that the personal id travels in the body, not the URL.',
  })
  @ApiOkResponse({ type: FoundSubject })
  async find(
    @CurrentCaller() caller: Caller,
    @Body() body: FindSubjectRequest,
  ): Promise<FoundSubject> {
    const subjectId = await this.queries.execute(
      new FindSubjectQuery(caller.tenantId, body.appSubjectId),
    );
    if (!subjectId) {
      throw new ProblemException({
        type: PROBLEM_TYPES.subjectNotFound,
        title: 'Subject not found',
        status: 404,
        detail: 'No subject is registered with this app id (or it was erased).',
      });
    }
    return { subjectId };
  }
}
