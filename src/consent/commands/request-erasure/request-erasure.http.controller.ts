import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { receiptOf } from '../../http/command-receipt';
import { ErasureReceipt } from './erasure-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { RequestErasureCommand } from './request-erasure.command';
import { RequestErasureRequest } from './request-erasure.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/erasure-requests')
@Roles('app', 'privacy-officer')
export class RequestErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Request erasure of the whole account or of listed categories (GDPR Art. 17)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: ErasureReceipt })
  async request(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestErasureRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new RequestErasureCommand(request, {
        scope:
          body.scope === 'account'
            ? { kind: 'account' }
            : { kind: 'categories', categories: body.categories ?? [] },
        requestedBy: body.requestedBy,
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, { ...receiptOf(result.subjectId, result), erasureId: result.erasureId });
  }
}
