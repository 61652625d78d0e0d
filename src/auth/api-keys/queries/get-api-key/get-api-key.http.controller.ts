import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../../http';
import type { AuthenticatedCaller } from '../../../authenticated-caller';
import { Roles } from '../../../roles.decorator';
import { ApiKeyIdPipe } from '../../http/api-key-id.pipe';
import { keyNotFound } from '../../http/api-key-problems';
import { ApiKeyView, apiKeyViewOf } from '../../http/api-key.view';
import { GetApiKeyQuery } from './get-api-key.query';

@ApiTags('api-keys')
@Controller('v1/api-keys/:keyId')
@Roles('tenant-admin')
export class GetApiKeyController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'One API key of the tenant, without its secret' })
  @ApiOkResponse({ type: ApiKeyView })
  async get(
    @CurrentCaller() caller: AuthenticatedCaller,
    @Param('keyId', ApiKeyIdPipe) keyId: string,
  ): Promise<ApiKeyView> {
    const key = await this.queries.execute(new GetApiKeyQuery(caller.tenantId, keyId));
    if (!key) throw keyNotFound(keyId);
    return apiKeyViewOf(caller.tenantId, key);
  }
}
