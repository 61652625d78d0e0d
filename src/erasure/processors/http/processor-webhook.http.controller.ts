import { Body, Controller, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http/current-caller.decorator';
import { ConfigureProcessorWebhook } from '../configure-webhook/configure-processor-webhook';
import { ConfigureWebhookRequest } from '../configure-webhook/configure-webhook.request.dto';
import {
  ConfiguredWebhookView,
  ProcessorWebhookView,
} from '../configure-webhook/configured-webhook.view';
import { GetProcessorWebhook } from '../get-webhook/get-processor-webhook';

@ApiTags('erasure')
@Controller('v1/processors/:recipient/webhook')
export class ProcessorWebhookController {
  constructor(
    private readonly configureWebhook: ConfigureProcessorWebhook,
    private readonly getWebhook: GetProcessorWebhook,
  ) {}

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
    return this.configureWebhook.configure({
      tenantId: caller.tenantId,
      recipient,
      url: body.url,
      rotateSecret: body.rotateSecret ?? false,
    });
  }

  @Get()
  @Roles('tenant-admin')
  @ApiOperation({ summary: "A recipient's webhook: URL and dates (never the secret)" })
  @ApiOkResponse({ type: ProcessorWebhookView })
  get(
    @CurrentCaller() caller: Caller,
    @Param('recipient') recipient: string,
  ): Promise<ProcessorWebhookView> {
    return this.getWebhook.get(caller.tenantId, recipient);
  }
}
