import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { CommandReceipt, receiptOf } from '../../http/command-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { GrantConsentCommand } from './grant-consent.command';
import { GrantConsentRequest } from './grant-consent.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/grants')
@Roles('app')
export class GrantConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Record that the subject allows a category to flow to a recipient for a purpose',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: CommandReceipt })
  async grant(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: GrantConsentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new GrantConsentCommand(request, {
        category: body.category,
        recipient: body.recipient,
        purpose: body.purpose,
        expiresAt: body.expiresAt,
        occurredAt: body.occurredAt,
        actor: body.actor,
      }),
    );
    return withEtag(reply, receiptOf(result.subjectId, result));
  }
}
