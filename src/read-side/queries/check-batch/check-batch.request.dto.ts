import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';
import { CheckRequest } from '../check-permission/check.request.dto';

/** The most checks one batch may hold; more is a 400 `batch-too-large`. */
export const MAX_CHECKS_PER_BATCH = 1000;

export class CheckBatchRequest {
  @ApiProperty({ type: [CheckRequest], maxItems: MAX_CHECKS_PER_BATCH })
  @IsArray({ message: 'checks must be an array of checks' })
  // Without it an entry that is an array (`[[]]`) passes nested validation as "no errors".
  @IsObject({ each: true, message: 'each checks entry must be a check object' })
  @ValidateNested({ each: true })
  @Type(() => CheckRequest)
  checks!: CheckRequest[];
}
