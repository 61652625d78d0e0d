import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { JWK_SET_EXAMPLE, JWK_SET_SCHEMA } from '../../http/records-openapi';
import { GetReceiptKeysQuery, type ReceiptKeySet } from './get-receipt-keys.query';

const JWK_SET = 'application/jwk-set+json';

@ApiTags('records')
@Controller('v1/receipt-keys')
@Roles('tenant-admin', 'app', 'auditor', 'privacy-officer')
export class GetReceiptKeysController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "The public keys that verify the caller's tenant's signed consent receipts",
    description:
      'A JWK set (RFC 7517) of Ed25519 keys; the "kid" in a receipt JWS header names the key. Public data: hand it to whoever checks a receipt.',
  })
  @ApiProduces(JWK_SET)
  @ApiOkResponse({
    description: 'The JWK set.',
    content: { [JWK_SET]: { schema: JWK_SET_SCHEMA, example: JWK_SET_EXAMPLE } },
  })
  async get(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReceiptKeySet> {
    const keys = await this.queries.execute(new GetReceiptKeysQuery(caller.tenantId));
    void reply.header('content-type', JWK_SET);
    return keys;
  }
}
