import { ApiPropertyOptional } from '@nestjs/swagger';
import { MayBeOmitted } from '../../../http';
import { IsRfc3339Instant } from '../../http/is-rfc3339-instant.decorator';

/** The query of `GET /v1/subjects/{id}/permissions`. */
export class GetSubjectPermissionsRequest {
  @ApiPropertyOptional({
    description: 'RFC 3339 instant with an offset, e.g. 2026-03-01T12:00:00Z; default now',
  })
  @MayBeOmitted()
  @IsRfc3339Instant({ message: 'must be an ISO-8601 date-time' })
  at?: string;
}
