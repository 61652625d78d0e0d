import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** The query of `GET /v1/consent-state/summary`. */
export class ConsentSummaryRequest {
  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @IsOptional()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}
