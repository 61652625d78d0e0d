import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsObject,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PRECISIONS, type Precision } from '../../domain/policy/policy-document';
import { PermissionFieldsDto } from '../../http/permission-fields.dto';
import { MayBeOmitted } from '../../../http';

const SYNC_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A coarsened position sent along with the data; personal data, stored encrypted. */
class LocationDto {
  @ApiProperty({ example: 47.37 })
  @IsLatitude({ message: 'location.latitude must be a latitude from -90 to 90' })
  latitude!: number;

  @ApiProperty({ example: 8.54 })
  @IsLongitude({ message: 'location.longitude must be a longitude from -180 to 180' })
  longitude!: number;
}

export class RecordSyncRequest extends PermissionFieldsDto {
  @ApiProperty({
    description: "The caller's id for this transfer, unique per subject.",
    example: 'sync-0001',
  })
  @Matches(SYNC_ID, { message: 'syncId must be 1 to 100 characters of A-Z a-z 0-9 . _ : -' })
  syncId!: string;

  @ApiProperty({ enum: PRECISIONS })
  @IsIn(PRECISIONS, { message: `precision must be one of: ${PRECISIONS.join(', ')}` })
  precision!: Precision;

  @ApiProperty({
    description: 'A user-initiated sync is itself a one-off consent.',
    example: false,
  })
  @IsBoolean({ message: 'userInitiated must be true or false' })
  userInitiated!: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: 1000 })
  @MayBeOmitted()
  @IsArray({ message: 'recordIds must be an array of strings' })
  @ArrayMaxSize(1000, { message: 'recordIds may hold at most 1000 ids' })
  @MaxLength(200, { each: true, message: 'each recordIds entry must be at most 200 characters' })
  @Matches(/^[\x21-\x7e]+$/, { each: true, message: 'each recordIds entry must be visible ASCII' })
  recordIds?: string[];

  @ApiPropertyOptional({ minimum: 0 })
  @MayBeOmitted()
  @IsInt({ message: 'sizeBytes must be an integer' })
  @Min(0, { message: 'sizeBytes must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'sizeBytes is too large' })
  sizeBytes?: number;

  @ApiPropertyOptional({ type: LocationDto })
  @MayBeOmitted()
  // Without it an array (`[]`) passes nested validation as "no errors".
  @IsObject({ message: 'location must be an object with latitude and longitude' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ description: 'When the transfer happened; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
