import { Body, Controller, Header, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller } from '../../../../http';
import { requireIdempotencyKey } from '../../../../idempotency';
import type { AuthenticatedCaller } from '../../../authenticated-caller';
import { Roles } from '../../../roles.decorator';
import { answeringRefusals } from '../../http/api-key-problems';
import { receiptOf } from '../../http/api-key-receipt';
import { ApiKeyReceipt } from '../../http/api-key.view';
import { CreateApiKeyCommand } from './create-api-key.command';
import { CreateApiKeyRequest } from './create-api-key.request.dto';

/**
 * The tenant's API keys. Mutations take an Idempotency-Key like every other, but are not
 * replayed from the idempotency store: the response that creates a key carries its secret,
 * which must not be kept anywhere. A retry gets the key without the secret instead, marked
 * as a replay the same way (`Idempotent-Replayed: true`, `replayed: true`).
 */
@ApiTags('api-keys')
@Controller('v1/api-keys')
@Roles('tenant-admin')
export class CreateApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an API key; the response shows the key once' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: ApiKeyReceipt })
  async create(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CreateApiKeyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyReceipt> {
    const key = requireIdempotencyKey(idempotencyKey);
    const change = await answeringRefusals(() =>
      this.commands.execute(
        new CreateApiKeyCommand(caller, key, {
          name: body.name,
          roles: body.roles,
          expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt).toISOString(),
          recipient: body.recipient ?? null,
        }),
      ),
    );
    return receiptOf(caller.tenantId, change, reply);
  }
}
