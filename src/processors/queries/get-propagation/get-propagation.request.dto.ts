import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsBefore, IsRfc3339, MayBeOmitted } from '../../../http';

/** The query of `GET /v1/processors/{recipient}/propagation`. */
export class GetPropagationRequest {
  @ApiPropertyOptional({
    description:
      'Start of the period (inclusive) whose closing changes the lag figures cover; default 30 days before `to`.',
    example: '2026-06-01T00:00:00Z',
  })
  @MayBeOmitted()
  @IsRfc3339()
  @IsBefore('to')
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the period (exclusive); default now.',
    example: '2026-07-01T00:00:00Z',
  })
  @MayBeOmitted()
  @IsRfc3339()
  to?: string;

  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}
