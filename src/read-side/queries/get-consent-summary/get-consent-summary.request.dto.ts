import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { MayBeOmitted } from '../../../http';

/** The query of `GET /v1/consent-state/summary`. */
export class ConsentSummaryRequest {
  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}
