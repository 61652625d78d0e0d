import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { requireIdempotencyKey } from '../../../idempotency/idempotency-key';
import { answerAs } from '../../../idempotency/replay-signal';
import { CurrentCaller } from '../../../http/current-caller.decorator';
import type { AuthenticatedCaller } from '../../authenticated-caller';
import { Roles } from '../../roles.decorator';
import { ApiKeyRegistry, type RegistryChange } from '../api-key-registry';
import { ApiKeyIdPipe } from './api-key-id.pipe';
import { answeringRefusals } from './api-key-problems';
import { ApiKeyList, ApiKeyReceipt, ApiKeyView, apiKeyViewOf } from './api-key.view';
import { ChangeRolesRequest } from './change-roles.request.dto';
import { CreateApiKeyRequest } from './create-api-key.request.dto';
import { ProblemException } from '../../../http/problem';
import { PROBLEM_TYPES } from '../../../http/problem-types';

/**
 * The tenant's API keys. Mutations take an Idempotency-Key like every other, but are not
 * replayed from the idempotency store: the response that creates a key carries its secret,
 * which must not be kept anywhere. A retry gets the key without the secret instead, marked
 * as a replay the same way (`Idempotent-Replayed: true`, `replayed: true`).
 */
@ApiTags('api-keys')
@Controller('v1/api-keys')
@Roles('tenant-admin')
export class ApiKeysController {
  constructor(private readonly registry: ApiKeyRegistry) {}

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
      this.registry.create(caller, key, {
        name: body.name,
        roles: body.roles,
        expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt).toISOString(),
      }),
    );
    return receiptOf(caller.tenantId, change, reply);
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's API keys (never their secrets)" })
  @ApiOkResponse({ type: ApiKeyList })
  async list(@CurrentCaller() caller: AuthenticatedCaller): Promise<ApiKeyList> {
    const keys = await this.registry.list(caller.tenantId);
    return { keys: keys.map((key) => apiKeyViewOf(caller.tenantId, key)) };
  }

  @Get(':keyId')
  @ApiOkResponse({ type: ApiKeyView })
  async get(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Param('keyId', ApiKeyIdPipe) keyId: string,
  ): Promise<ApiKeyView> {
    const key = await this.registry.get(caller.tenantId, keyId);
    if (!key) throw keyNotFound(keyId);
    return apiKeyViewOf(caller.tenantId, key);
  }

  @Put(':keyId/roles')
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
      this.registry.changeRoles(caller, key, keyId, body.roles),
    );
    return receiptOf(caller.tenantId, change, reply);
  }

  @Delete(':keyId')
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
    const change = await answeringRefusals(() => this.registry.revoke(caller, key, keyId));
    return receiptOf(caller.tenantId, change, reply);
  }
}

function receiptOf(tenantId: string, change: RegistryChange, reply: FastifyReply): ApiKeyReceipt {
  const receipt: ApiKeyReceipt = {
    ...apiKeyViewOf(tenantId, change.key),
    ...(change.apiKey === undefined ? {} : { apiKey: change.apiKey }),
    consistencyToken: change.consistencyToken,
    replayed: change.replayed,
  };
  return answerAs(reply, receipt, change.replayed);
}

function keyNotFound(keyId: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.apiKeyNotFound,
    title: 'API key not found',
    status: 404,
    detail: `The tenant has no key with id ${keyId}.`,
  });
}
