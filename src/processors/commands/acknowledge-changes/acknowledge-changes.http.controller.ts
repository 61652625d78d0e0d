import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import { answerAs, Idempotent } from '../../../idempotency';
import { AcknowledgementProblemsInterceptor } from '../../http/acknowledgement-problems';
import { AcknowledgementReceipt } from '../../http/acknowledgement.receipt';
import { type Acknowledger, AcknowledgeChangesCommand } from './acknowledge-changes.command';
import { AcknowledgeChangesRequest } from './acknowledge-changes.request.dto';

@ApiTags('processors')
@Controller('v1/processors/:recipient/acknowledgements')
@UseInterceptors(AcknowledgementProblemsInterceptor)
@Roles('processor', 'tenant-admin')
export class AcknowledgeChangesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Acknowledge every permission change for the recipient up to a feed position',
    description:
      "Recorded as an event in the tenant's log (ADR 0042). For the recipient's own processor key, and for tenant admins; another recipient answers 404. A position below the last acknowledgement, or beyond the feed's head, answers 409 with lastAcknowledgedPosition and headPosition; the position already acknowledged records nothing and answers the acknowledgement that stands (recorded: false).",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: AcknowledgementReceipt })
  async acknowledge(
    @CurrentCaller() caller: Acknowledger,
    @Param('recipient') recipient: string,
    @Headers('idempotency-key') idempotencyKey: string,
    @Body() body: AcknowledgeChangesRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcknowledgementReceipt> {
    const result = await this.commands.execute(
      new AcknowledgeChangesCommand(caller, idempotencyKey, recipient, body.position),
    );
    return answerAs(
      reply,
      {
        recipient: result.recipient,
        position: result.position,
        acknowledgedAt: result.acknowledgedAt,
        recorded: result.recorded,
        consistencyToken: result.globalPosition?.toString() ?? null,
        replayed: result.replayed,
      },
      result.replayed,
    );
  }
}
