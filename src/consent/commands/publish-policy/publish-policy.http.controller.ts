import { Body, Controller, Headers, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../../../idempotency/idempotent.decorator';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http/current-caller.decorator';
import { PolicyReceipt } from './policy-receipt';
import { PublishPolicyCommand } from './publish-policy.command';
import { PublishPolicyRequest } from './publish-policy.request.dto';
import { Roles } from '../../../auth/roles.decorator';

@ApiTags('policies')
@Controller('v1/policies')
@Roles('tenant-admin')
export class PublishPolicyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Publish the next version of the tenant policy',
    description:
      'Categories listed in reconsentRequired need consent again: grants given under earlier versions lapse when this version takes effect.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: PolicyReceipt })
  publish(
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string,
    @Body() body: PublishPolicyRequest,
  ): Promise<PolicyReceipt> {
    return this.commands.execute(new PublishPolicyCommand(caller, idempotencyKey, body));
  }
}
