import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  ProblemException,
  PROBLEM_TYPES,
  createValidationPipe,
  CurrentCaller,
} from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { CheckBatchQuery } from '../check-batch/check-batch.query';
import { CheckBatchView } from '../check-batch/check-batch.view';
import { CheckView } from './check-answer.view';
import { CheckPermissionQuery } from './check-permission.query';
import { CheckBatchRequest, MAX_CHECKS_PER_BATCH } from '../check-batch/check-batch.request.dto';
import { askedQuestionOf, CheckRequest } from './check.request.dto';
import { consistencyTokenOf } from '../../../projections';
import { wellFormedCheckRequest } from './well-formed-check-request';
import { Roles } from '../../../auth';

const TOKEN_QUERY = {
  name: 'consistencyToken',
  required: false,
  description: 'A consistencyToken a command returned: the answer then includes that command.',
};
const TOKEN_HEADER = {
  name: 'X-Consistency-Token',
  required: false,
  description: 'The same as the consistencyToken query parameter.',
};

@ApiTags('checks')
@Controller('v1/checks')
@Roles('app', 'auditor')
export class ChecksController {
  /**
   * Bodies are validated here: a batch after its size, so 5000 checks are not validated
   * first; a single check by the pipe only when the quick test finds it unusual.
   */
  private readonly validation = createValidationPipe();

  constructor(private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'May this data about the subject flow to this recipient for this purpose, now or at T?',
    description:
      'Answered from the consent_state read model. An unknown subject is a 404, never a silent "no".',
  })
  @ApiBody({ type: CheckRequest })
  @ApiQuery(TOKEN_QUERY)
  @ApiHeader(TOKEN_HEADER)
  @ApiOkResponse({ type: CheckView })
  async check(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Query('consistencyToken') token: string | undefined,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<CheckView> {
    const request =
      wellFormedCheckRequest(body) ??
      ((await this.validation.transform(body, {
        type: 'body',
        metatype: CheckRequest,
      })) as CheckRequest);
    return this.queries.execute(
      new CheckPermissionQuery(
        caller.tenantId,
        askedQuestionOf(request),
        consistencyTokenOf(token, tokenHeader),
      ),
    );
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary: `Up to ${MAX_CHECKS_PER_BATCH} checks at once, answered in order`,
    description: 'An entry about an unknown subject holds a 404 problem instead of an answer.',
  })
  @ApiBody({ type: CheckBatchRequest })
  @ApiQuery(TOKEN_QUERY)
  @ApiHeader(TOKEN_HEADER)
  @ApiOkResponse({ type: CheckBatchView })
  async batch(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Query('consistencyToken') token: string | undefined,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<CheckBatchView> {
    const checks = (body as { checks?: unknown } | null)?.checks;
    if (Array.isArray(checks) && checks.length > MAX_CHECKS_PER_BATCH) {
      throw new ProblemException({
        type: PROBLEM_TYPES.batchTooLarge,
        title: 'Batch too large',
        status: 400,
        detail: `a batch may hold at most ${MAX_CHECKS_PER_BATCH} checks, got ${checks.length}; split it`,
        extensions: { maxChecks: MAX_CHECKS_PER_BATCH },
      });
    }
    const request = (await this.validation.transform(body, {
      type: 'body',
      metatype: CheckBatchRequest,
    })) as CheckBatchRequest;
    return this.queries.execute(
      new CheckBatchQuery(
        caller.tenantId,
        request.checks.map(askedQuestionOf),
        consistencyTokenOf(token, tokenHeader),
      ),
    );
  }
}
