import { Controller, Get, Param, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { SubjectIdPipe } from '../../../consent';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { RECEIPT_LIST_EXAMPLE, RECEIPT_LIST_SCHEMA } from '../../http/records-openapi';
import { RecordsProblemsInterceptor } from '../../http/records-problems.interceptor';
import { ListConsentReceiptsQuery, type ReceiptList } from './list-consent-receipts.query';

@ApiTags('records')
@Controller('v1/subjects/:subjectId/receipts')
@UseInterceptors(RecordsProblemsInterceptor)
@Roles('app', 'privacy-officer', 'auditor')
export class ListConsentReceiptsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'The consent receipts a subject has: one per grant and revocation, with the event ids',
    description:
      'Where to find each receipt: GET /v1/subjects/{subjectId}/receipts/{eventId}. 410 once the subject is erased.',
  })
  @ApiOkResponse({
    description: 'The receipts, in the order the ledger recorded the decisions.',
    content: { 'application/json': { schema: RECEIPT_LIST_SCHEMA, example: RECEIPT_LIST_EXAMPLE } },
  })
  @ApiResponse({ status: 410, description: 'The subject was erased: no receipt is issued again.' })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReceiptList> {
    const list = await this.queries.execute(
      new ListConsentReceiptsQuery(caller.tenantId, subjectId),
    );
    // It names the subject's pseudonym: no shared cache may keep it.
    void reply.header('cache-control', 'no-store');
    return list;
  }
}
