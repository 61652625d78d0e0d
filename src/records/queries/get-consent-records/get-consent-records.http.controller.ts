import { Controller, Get, Param, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { SubjectIdPipe } from '../../../consent';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { RECORDS_EXAMPLE, RECORDS_SCHEMA } from '../../http/records-openapi';
import { RecordsProblemsInterceptor } from '../../http/records-problems.interceptor';
import { type ConsentRecordsDocument, GetConsentRecordsQuery } from './get-consent-records.query';

const JSON_LD = 'application/ld+json';

@ApiTags('records')
@Controller('v1/subjects/:subjectId/consent-records')
@UseInterceptors(RecordsProblemsInterceptor)
@Roles('app', 'privacy-officer', 'auditor')
export class GetConsentRecordsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "A subject's consent records (ISO/IEC TS 27560) in the Data Privacy Vocabulary",
    description:
      'JSON-LD with an inline @context, DPV 2.2 terms only: one dpv:ConsentRecord per (category, recipient, purpose) the subject granted or revoked, with each status (ConsentGiven, RenewedConsentGiven, ConsentWithdrawn, ConsentRevoked, ConsentRefused, ConsentExpired, ConsentInvalidated), its time and the ids of the events it derives from (dct:source). 410 once the subject is erased.',
  })
  @ApiProduces(JSON_LD)
  @ApiOkResponse({
    description: 'The records.',
    content: { [JSON_LD]: { schema: RECORDS_SCHEMA, example: RECORDS_EXAMPLE } },
  })
  @ApiResponse({ status: 410, description: 'The subject was erased: no record is issued again.' })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsentRecordsDocument> {
    const records = await this.queries.execute(
      new GetConsentRecordsQuery(caller.tenantId, subjectId),
    );
    void reply.header('content-type', JSON_LD);
    // Records name the subject's pseudonym: no shared cache may keep them.
    void reply.header('cache-control', 'no-store');
    return records;
  }
}
