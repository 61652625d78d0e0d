import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller, ProblemException, PROBLEM_TYPES } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { ProcessorWebhookStateView } from './webhook-state.view';
import { GetWebhookQuery } from './get-webhook.query';

@ApiTags('erasure')
@Controller('v1/processors/:recipient/webhook')
export class GetWebhookController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('tenant-admin')
  @ApiOperation({
    summary:
      "A recipient's webhook: URL, dates, events and where its consent-change deliveries stand (never the secret)",
  })
  @ApiOkResponse({ type: ProcessorWebhookStateView })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('recipient') recipient: string,
  ): Promise<ProcessorWebhookStateView> {
    const webhook = await this.queries.execute(new GetWebhookQuery(caller.tenantId, recipient));
    if (!webhook) {
      throw new ProblemException({
        type: PROBLEM_TYPES.notFound,
        title: 'Webhook not configured',
        status: 404,
        detail: `recipient "${recipient}" has no webhook; PUT one to this address`,
      });
    }
    return webhook;
  }
}
