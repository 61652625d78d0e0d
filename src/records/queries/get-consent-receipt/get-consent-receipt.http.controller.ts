import { Controller, Get, Headers, Param, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { SubjectIdPipe } from '../../../consent';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import type { ConsentReceipt } from '../../domain/consent-receipt';
import { EventIdPipe } from '../../http/event-id.pipe';
import { RECEIPT_EXAMPLE, RECEIPT_JWS_EXAMPLE, RECEIPT_SCHEMA } from '../../http/records-openapi';
import { RecordsProblemsInterceptor } from '../../http/records-problems.interceptor';
import { GetConsentReceiptQuery } from './get-consent-receipt.query';

const JOSE = 'application/jose';

@ApiTags('records')
@Controller('v1/subjects/:subjectId/receipts/:eventId')
@UseInterceptors(RecordsProblemsInterceptor)
@Roles('app', 'privacy-officer', 'auditor')
export class GetConsentReceiptController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'The Kantara Consent Receipt (v1.1) of a grant or a revocation',
    description:
      'Built from the event and the policy version it was made under, so the same event always gives the same receipt (consentReceiptID is derived from the event id). With "Accept: application/jose" the receipt comes as a compact JWS (EdDSA), signed with the tenant\'s receipt key; its public key is at GET /v1/receipt-keys. 404 for an event of another subject or one that is not a grant or a revocation; 410 once the subject is erased.',
  })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: 'application/jose for the signed receipt; application/json otherwise.',
  })
  @ApiProduces('application/json', JOSE)
  @ApiOkResponse({
    description: 'The receipt, as JSON or as a compact JWS.',
    content: {
      'application/json': { schema: RECEIPT_SCHEMA, example: RECEIPT_EXAMPLE },
      [JOSE]: { schema: { type: 'string' }, example: RECEIPT_JWS_EXAMPLE },
    },
  })
  @ApiResponse({ status: 410, description: 'The subject was erased: no receipt is issued again.' })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('eventId', EventIdPipe) eventId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsentReceipt | string> {
    const signed = (accept ?? '').toLowerCase().includes(JOSE);
    const issued = await this.queries.execute(
      new GetConsentReceiptQuery(caller.tenantId, subjectId, eventId, signed),
    );
    void reply.header('vary', 'accept');
    // A receipt names the subject's pseudonym: no shared cache may keep it.
    void reply.header('cache-control', 'no-store');
    if (issued.jws === undefined) return issued.receipt;
    void reply.header('content-type', JOSE);
    return issued.jws;
  }
}
