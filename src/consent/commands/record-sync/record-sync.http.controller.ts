import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { receiptOf } from '../../http/command-receipt';
import { SyncReceipt, syncOutcome } from './sync-receipt';
import { subjectRequest, withEtag } from '../../http/subject-request';
import { RecordSyncCommand } from './record-sync.command';
import { RecordSyncRequest } from './record-sync.request.dto';
import { SubjectIdPipe } from '../../http/subject-id.pipe';
import { Roles } from '../../../auth';

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
    const result = await this.commands.execute(
      new RecordSyncCommand(request, {
        syncId: body.syncId,
        category: body.category,
        recipient: body.recipient,
        purpose: body.purpose,
        precision: body.precision,
        userInitiated: body.userInitiated,
        recordIds: body.recordIds,
        sizeBytes: body.sizeBytes,
        location: body.location && {
          latitude: body.location.latitude,
          longitude: body.location.longitude,
        },
        occurredAt: body.occurredAt,
      }),
    );
    return withEtag(reply, {
      ...receiptOf(result.subjectId, result),
      ...syncOutcome(result.events),
    });
  }
}
