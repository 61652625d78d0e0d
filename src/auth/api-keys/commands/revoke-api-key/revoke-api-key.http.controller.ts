import { Controller, Delete, Headers, HttpCode, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller } from '../../../../http';
import { requireIdempotencyKey } from '../../../../idempotency';
import type { AuthenticatedCaller } from '../../../authenticated-caller';
import { Roles } from '../../../roles.decorator';
import { ApiKeyIdPipe } from '../../http/api-key-id.pipe';
import { answeringRefusals } from '../../http/api-key-problems';
import { receiptOf } from '../../http/api-key-receipt';
import { ApiKeyReceipt } from '../../http/api-key.view';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@ApiTags('api-keys')
@Controller('v1/api-keys/:keyId')
@Roles('tenant-admin')
export class RevokeApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key; it stops working at once' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: ApiKeyReceipt })
  async revoke(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Param('keyId', ApiKeyIdPipe) keyId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyReceipt> {
    const key = requireIdempotencyKey(idempotencyKey);
    const change = await answeringRefusals(() =>
      this.commands.execute(new RevokeApiKeyCommand(caller, key, keyId)),
    );
    return receiptOf(caller.tenantId, change, reply);
  }
}
