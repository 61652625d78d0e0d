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
import { ConfirmErasureCommand } from './confirm-erasure.command';
import { ConfirmErasureRequest } from './confirm-erasure.request.dto';
import { Roles } from '../../../auth';

@ApiTags('erasure')
@Controller('v1/subjects/:subjectId/erasure-requests/:erasureId/confirmations')
@UseInterceptors(ErasureProblemsInterceptor)
@Roles('privacy-officer', 'processor')
export class ConfirmErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Record that a notified recipient (processor) erased the data',
    description:
      "A privacy officer records any notified recipient's confirmation; a processor's own key (role processor) confirms for its recipient only, and gets 404 for any other recipient or an erasure its recipient was not notified of.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: ErasureStepReceipt })
  async confirm(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('erasureId', ErasureIdPipe) erasureId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ConfirmErasureRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureStepReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new ConfirmErasureCommand(request, erasureId, {
        recipient: body.recipient,
        ...(body.confirmedAt !== undefined
          ? { confirmedAt: instantOf(body.confirmedAt, 'confirmedAt') }
          : {}),
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, erasureStepReceiptOf(erasureId, result));
  }
}
