import { Controller, Get, Header, Param, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { SubjectIdPipe } from '../../../consent';
import { ProblemException, PROBLEM_TYPES, CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { ErasureIdPipe } from '../../http/erasure-id.pipe';
import { ErasureProblemsInterceptor } from '../../http/erasure-problems.interceptor';
import { CertificateNotReadyError } from '../../certificate/certificate-not-ready.error';
import { GetErasureCertificateQuery } from './get-erasure-certificate.query';

@ApiTags('erasure')
@Controller('v1/subjects/:subjectId/erasure-requests/:erasureId/certificate')
@UseInterceptors(ErasureProblemsInterceptor)
export class GetErasureCertificateController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('privacy-officer', 'auditor')
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'A signed certificate of a completed erasure',
    description:
      "A C2SP signed note (docs/adr/0016) signed with the tenant log's checkpoint key: what was erased, when it was requested and completed against its deadline, which processors confirmed (or that an override with a reason completed it), and the completion event's audit leaf with its inclusion proof in a signed checkpoint. No personal data. Verify offline with `consent-ledger verify-certificate <file> --key <verifier key>`. 409 while the request is open; 503 with Retry-After until the shredding and a signed checkpoint cover the completion.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The signed certificate', schema: { type: 'string' } })
  @ApiConflictResponse({ description: 'The erasure request is not completed' })
  @ApiServiceUnavailableResponse({ description: 'Not covered by a signed checkpoint yet' })
  async certificate(
    @CurrentCaller() caller: Caller,
    @Param('subjectId', SubjectIdPipe) subjectId: string,
    @Param('erasureId', ErasureIdPipe) erasureId: string,
  ): Promise<string> {
    try {
      return await this.queries.execute(
        new GetErasureCertificateQuery(caller.tenantId, subjectId, erasureId),
      );
    } catch (error) {
      if (!(error instanceof CertificateNotReadyError)) throw error;
      throw notReadyProblem(error);
    }
  }
}

function notReadyProblem(error: CertificateNotReadyError): ProblemException {
  if (error.reason === 'not-completed') {
    return new ProblemException({
      type: PROBLEM_TYPES.conflict,
      title: 'Erasure not completed',
      status: 409,
      detail: error.message,
      extensions: { code: 'erasure-not-completed' },
    });
  }
  return new ProblemException({
    type: PROBLEM_TYPES.serviceUnavailable,
    title: 'Erasure certificate not ready',
    status: 503,
    detail: error.message,
    extensions: { code: 'certificate-not-ready' },
    headers: { 'retry-after': String(error.retryAfterSeconds) },
  });
}
