import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { CommandReceipt, receiptOf } from '../../http/command-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { RevokeConsentCommand } from './revoke-consent.command';
import { RevokeConsentRequest } from './revoke-consent.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/revocations')
@Roles('app')
export class RevokeConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Record that the subject withdraws a consent (as easy as giving it, GDPR Art. 7(3))',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: CommandReceipt })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RevokeConsentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new RevokeConsentCommand(request, {
        category: body.category,
        recipient: body.recipient,
        purpose: body.purpose,
        occurredAt: body.occurredAt,
        actor: body.actor,
      }),
    );
    return withEtag(reply, receiptOf(result.subjectId, result));
  }
}
