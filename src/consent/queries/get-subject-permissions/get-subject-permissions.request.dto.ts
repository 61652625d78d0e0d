import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsRfc3339, MayBeOmitted } from '../../../http';

/** The query of `GET /v1/subjects/{id}/permissions`. */
export class GetSubjectPermissionsRequest {
  @ApiPropertyOptional({
    description: 'RFC 3339 instant with an offset, e.g. 2026-03-01T12:00:00Z; default now',
  })
  @MayBeOmitted()
  @IsRfc3339({ message: 'must be an ISO-8601 date-time' })
  at?: string;
}
