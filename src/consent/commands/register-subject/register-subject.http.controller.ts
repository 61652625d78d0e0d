import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { CommandReceipt, receiptOf } from '../../http/command-receipt';
import { withEtag } from '../../http/subject-request';
import { RegisterSubjectCommand } from './register-subject.command';
import { RegisterSubjectRequest } from './register-subject.request.dto';
import { Roles } from '../../../auth';

@ApiTags('subjects')
@Controller('v1/subjects')
@Roles('app')
export class RegisterSubjectController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Register a data subject',
    description:
      'Answers with the random pseudonym the service uses for the subject. The app id, e-mail and phone are stored only encrypted with the subject key.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: CommandReceipt })
  async register(
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string,
    @Body() body: RegisterSubjectRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandReceipt> {
    const result = await this.commands.execute(
      new RegisterSubjectCommand(caller, idempotencyKey, {
        appSubjectId: body.appSubjectId,
        residency: body.residency,
        email: body.email,
        phone: body.phone,
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, receiptOf(result.subjectId, result));
  }
}
