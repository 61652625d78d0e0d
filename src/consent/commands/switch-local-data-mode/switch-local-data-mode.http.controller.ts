import { Body, Controller, Headers, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { CommandReceipt, receiptOf } from '../../http/command-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { SwitchLocalDataModeCommand } from './switch-local-data-mode.command';
import { SwitchLocalDataModeRequest } from './switch-local-data-mode.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/local-data-mode')
@Roles('app')
export class SwitchLocalDataModeController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Switch Local Data Mode on or off; while on, nothing may flow',
    description: 'Switching to the mode the subject is already in records nothing.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiOkResponse({ type: CommandReceipt })
  async switch(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SwitchLocalDataModeRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    const result = await this.commands.execute(
      new SwitchLocalDataModeCommand(request, body.on, body.occurredAt),
    );
    return withEtag(reply, receiptOf(result.subjectId, result));
  }
}
