import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  NOT_BLANK,
  REASON_MAX_LENGTH,
} from '../extend-erasure-deadline/extend-erasure-deadline.request.dto';
import { MayBeOmitted } from '../../../http';

class ErasureOverrideDto {
  @ApiProperty({
    description:
      'Why the request is completed without every confirmation. Free text: stored encrypted.',
    maxLength: REASON_MAX_LENGTH,
  })
  @IsString({ message: 'override.reason must be a string' })
  @Matches(NOT_BLANK, { message: 'override.reason must not be blank' })
  @MaxLength(REASON_MAX_LENGTH, {
    message: `override.reason must be at most ${REASON_MAX_LENGTH} characters`,
  })
  reason!: string;
}

export class CompleteErasureRequest {
  @ApiPropertyOptional({
    type: ErasureOverrideDto,
    description:
      'Complete although not every recipient confirmed (privacy officer). Without it, every notified recipient must have confirmed.',
  })
  @MayBeOmitted()
  // Without it an array (`[]`) passes nested validation as "no errors".
  @IsObject({ message: 'override must be an object with a reason' })
  @ValidateNested()
  @Type(() => ErasureOverrideDto)
  override?: ErasureOverrideDto;

  @ApiPropertyOptional({ description: 'When the request was completed; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
