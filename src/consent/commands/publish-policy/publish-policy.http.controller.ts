import { Body, Controller, Headers, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../../../idempotency';
import type { Caller } from '../../../shared/tenancy/caller';
import { CurrentCaller } from '../../../http';
import { PolicyReceipt } from './policy-receipt';
import { PublishPolicyCommand } from './publish-policy.command';
import { PublishPolicyRequest } from './publish-policy.request.dto';
import { Roles } from '../../../auth';
import type { PolicyDocument } from '../../domain/policy/policy-document';

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
  async publish(
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string,
    @Body() body: PublishPolicyRequest,
  ): Promise<PolicyReceipt> {
    const { effectiveFrom, ...document } = body;
    const policy = plain({ ...document, reconsentRequired: document.reconsentRequired ?? [] });
    const result = await this.commands.execute(
      new PublishPolicyCommand(caller, idempotencyKey, policy, effectiveFrom),
    );
    const published = result.events[0]!;
    return {
      version: published.policy.version,
      effectiveFrom: published.occurredAt,
      consistencyToken: result.position?.toString() ?? null,
      replayed: result.replayed,
    };
  }
}

/** DTO class instances → plain JSON, so the event holds data and nothing else. */
function plain(policy: PolicyDocument): PolicyDocument {
  return JSON.parse(JSON.stringify(policy)) as PolicyDocument;
}
