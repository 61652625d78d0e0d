import { Body, Controller, Headers, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SubjectIdPipe, subjectRequest, withEtag } from '../../../consent';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { ErasureIdPipe } from '../../http/erasure-id.pipe';
import { ErasureProblemsInterceptor } from '../../http/erasure-problems.interceptor';
import { ErasureCompletionReceipt } from '../../http/erasure-step-receipt';
import { erasureStepReceiptOf } from '../../http/erasure-step-receipt-of';
import { CompleteErasureCommand } from './complete-erasure.command';
import { CompleteErasureRequest } from './complete-erasure.request.dto';
import { Roles } from '../../../auth';

@ApiTags('erasure')
@Controller('v1/subjects/:subjectId/erasure-requests/:erasureId/completion')
@UseInterceptors(ErasureProblemsInterceptor)
@Roles('privacy-officer')
export class CompleteErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary:
      'Complete an erasure request: every recipient confirmed, or an override with a reason. An account erasure then shreds the subject.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: ErasureCompletionReceipt })
  async complete(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('erasureId', ErasureIdPipe) erasureId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CompleteErasureRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureCompletionReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new CompleteErasureCommand(request, erasureId, {
        overrideReason: body.override?.reason,
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, {
      ...erasureStepReceiptOf(erasureId, result),
      shredding: result.shredding,
    });
  }
}
