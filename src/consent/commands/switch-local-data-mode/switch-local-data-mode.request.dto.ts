import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601 } from 'class-validator';
import { MayBeOmitted } from '../../../http';

export class SwitchLocalDataModeRequest {
  @ApiProperty({
    description: 'true: the device works offline and nothing may flow.',
    example: true,
  })
  @IsBoolean({ message: 'on must be true or false' })
  on!: boolean;

  @ApiPropertyOptional({ description: 'When the mode was switched; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
