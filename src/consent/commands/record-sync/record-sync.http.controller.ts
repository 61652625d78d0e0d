import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency/idempotent.decorator';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http/current-caller.decorator';
import { SyncReceipt } from './sync-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { RecordSyncCommand } from './record-sync.command';
import { RecordSyncRequest } from './record-sync.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth/roles.decorator';

@ApiTags('consent')
@Controller('v1/subjects/:subjectId/syncs')
@Roles('app')
export class RecordSyncController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary:
      'Record a transfer of data to a recipient; one that is not permitted is refused, and the refusal is recorded too',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The subject ETag last seen' })
  @ApiCreatedResponse({ type: SyncReceipt })
  async record(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordSyncRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SyncReceipt> {
    const request = subjectRequest(caller, subjectId, idempotencyKey, ifMatch);
    return withEtag(reply, await this.commands.execute(new RecordSyncCommand(request, body)));
  }
}
