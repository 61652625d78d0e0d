import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ErasureCertificates } from '../../certificate/erasure-certificates';
import { GetErasureCertificateQuery } from './get-erasure-certificate.query';

@QueryHandler(GetErasureCertificateQuery)
export class GetErasureCertificateHandler implements IQueryHandler<GetErasureCertificateQuery> {
  constructor(private readonly certificates: ErasureCertificates) {}

  execute({ tenantId, subjectId, erasureId }: GetErasureCertificateQuery): Promise<string> {
    return this.certificates.issue(tenantId, subjectId, erasureId);
  }
}
