import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  NotContains,
} from 'class-validator';
import { POLICY_KEY } from '../../http/permission-fields.dto';
import { MayBeOmitted } from '../../../http';

export class RegisterSubjectRequest {
  @ApiProperty({
    description: "The app's own opaque id for the subject. Personal data: stored only encrypted.",
    example: 'user-8f14e45f',
  })
  @IsString({ message: 'appSubjectId must be a string' })
  @MinLength(1, { message: 'appSubjectId must not be empty' })
  @MaxLength(200, { message: 'appSubjectId must be at most 200 characters' })
  // Unpaired surrogates are refused for every body (src/http/json-value-rules.ts).
  @NotContains('\u0000', { message: 'appSubjectId must not contain NUL characters' })
  appSubjectId!: string;

  @ApiProperty({ example: 'row', description: 'Data-centre region the data must stay in.' })
  @Matches(POLICY_KEY, { message: 'residency must be a region key of the policy' })
  residency!: string;

  @ApiPropertyOptional({ description: 'Personal data: stored only encrypted.' })
  @MayBeOmitted()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  @ApiPropertyOptional({
    description: 'E.164, e.g. +41441234567. Personal data: stored only encrypted.',
  })
  @MayBeOmitted()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be an E.164 number such as +41441234567' })
  phone?: string;

  @ApiPropertyOptional({ description: 'When the subject registered; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
