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
import { ErasureStepReceipt } from '../../http/erasure-step-receipt';
import { erasureStepReceiptOf } from '../../http/erasure-step-receipt-of';
import { instantOf } from '../../http/instant-of';
import { ExtendErasureDeadlineCommand } from './extend-erasure-deadline.command';
import { ExtendErasureDeadlineRequest } from './extend-erasure-deadline.request.dto';
import { Roles } from '../../../auth';

@ApiTags('erasure')
@Controller('v1/subjects/:subjectId/erasure-requests/:erasureId/extension')
@UseInterceptors(ErasureProblemsInterceptor)
@Roles('privacy-officer')
export class ExtendErasureDeadlineController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Extend the deadline of an erasure request by up to two months (Art. 12(3)), once',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: ErasureStepReceipt })
  async extend(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('erasureId', ErasureIdPipe) erasureId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ExtendErasureDeadlineRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureStepReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new ExtendErasureDeadlineCommand(request, erasureId, {
        ...(body.newDeadline !== undefined
          ? { newDeadline: instantOf(body.newDeadline, 'newDeadline') }
          : {}),
        subjectToldAt: instantOf(body.subjectToldAt, 'subjectToldAt'),
        reason: body.reason,
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, erasureStepReceiptOf(erasureId, result));
  }
}
