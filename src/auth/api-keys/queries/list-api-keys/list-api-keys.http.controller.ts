import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../../http';
import type { AuthenticatedCaller } from '../../../authenticated-caller';
import { Roles } from '../../../roles.decorator';
import { ApiKeyList, apiKeyViewOf } from '../../http/api-key.view';
import { ListApiKeysQuery } from './list-api-keys.query';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@Roles('tenant-admin')
export class ListApiKeysController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's API keys (never their secrets)" })
  @ApiOkResponse({ type: ApiKeyList })
  async list(@CurrentCaller() caller: AuthenticatedCaller): Promise<ApiKeyList> {
    const keys = await this.queries.execute(new ListApiKeysQuery(caller.tenantId));
    return { keys: keys.map((key) => apiKeyViewOf(caller.tenantId, key)) };
  }
}
