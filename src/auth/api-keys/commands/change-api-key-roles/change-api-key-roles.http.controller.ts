import { Body, Controller, Headers, Param, Put, Res } from '@nestjs/common';
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
import { ChangeApiKeyRolesCommand } from './change-api-key-roles.command';
import { ChangeRolesRequest } from './change-api-key-roles.request.dto';

@ApiTags('api-keys')
@Controller('v1/api-keys/:keyId/roles')
@Roles('tenant-admin')
export class ChangeApiKeyRolesController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @ApiOperation({ summary: "Replace a key's roles" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: ApiKeyReceipt })
  async changeRoles(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Param('keyId', ApiKeyIdPipe) keyId: string,
    @Body() body: ChangeRolesRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyReceipt> {
    const key = requireIdempotencyKey(idempotencyKey);
    const change = await answeringRefusals(() =>
      this.commands.execute(new ChangeApiKeyRolesCommand(caller, key, keyId, body.roles)),
    );
    return receiptOf(caller.tenantId, change, reply);
  }
}
