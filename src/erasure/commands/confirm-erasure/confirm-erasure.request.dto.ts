import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { POLICY_KEY } from '../../../consent';
import { MayBeOmitted } from '../../../http';

export class ConfirmErasureRequest {
  @ApiProperty({ example: 'map-provider-row', description: 'A recipient that was notified.' })
  @Matches(POLICY_KEY, { message: 'recipient must be a recipient key of the policy' })
  recipient!: string;

  @ApiPropertyOptional({ description: 'When the processor erased the data; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'confirmedAt must be an ISO-8601 date-time' })
  confirmedAt?: string;

  @ApiPropertyOptional({ description: 'When the confirmation was received; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
