import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { ConfigureWebhookCommand } from './configure-webhook.command';
import { ConfigureWebhookRequest } from './configure-webhook.request.dto';
import { ConfiguredWebhookView } from './configured-webhook.view';

@ApiTags('erasure')
@Controller('v1/processors/:recipient/webhook')
export class ConfigureWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @Roles('tenant-admin')
  @ApiOperation({
    summary: "Set where a recipient's erasure notifications go (signed webhooks)",
    description:
      'The first call, and a call with rotateSecret, issue a new signing secret, shown in this answer only. Not idempotent by key: the answer may carry a secret, which is never stored for replay. Waiting and given-up deliveries to the recipient are sent again at once.',
  })
  @ApiOkResponse({ type: ConfiguredWebhookView })
  async configure(
    @CurrentCaller() caller: Caller,
    @Param('recipient') recipient: string,
    @Body() body: ConfigureWebhookRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConfiguredWebhookView> {
    // The answer may hold the secret: no cache may keep it.
    void reply.header('cache-control', 'no-store');
    return this.commands.execute(
      new ConfigureWebhookCommand({
        tenantId: caller.tenantId,
        recipient,
        url: body.url,
        rotateSecret: body.rotateSecret ?? false,
        ...(body.events === undefined ? {} : { events: body.events }),
      }),
    );
  }
}
