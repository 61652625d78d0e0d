import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { MayBeOmitted } from '../../../http';

export const REASON_MAX_LENGTH = 2000;
/** At least one character that is not white space. */
export const NOT_BLANK = /\S/;

export class ExtendErasureDeadlineRequest {
  @ApiProperty({
    description:
      'When the subject was told of the extension and its reasons: within the first month.',
    example: '2026-03-10T09:00:00Z',
  })
  @IsISO8601({ strict: true }, { message: 'subjectToldAt must be an ISO-8601 date-time' })
  subjectToldAt!: string;

  @ApiPropertyOptional({
    description:
      'The new deadline: after the original one, at most three months after the request (the default).',
  })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'newDeadline must be an ISO-8601 date-time' })
  newDeadline?: string;

  @ApiProperty({
    description: 'Why more time is needed. Free text: stored encrypted, erased with the subject.',
    maxLength: REASON_MAX_LENGTH,
    example: 'The processor needs more time to erase its backups.',
  })
  @IsString({ message: 'reason must be a string' })
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(REASON_MAX_LENGTH, {
    message: `reason must be at most ${REASON_MAX_LENGTH} characters`,
  })
  reason!: string;

  @ApiPropertyOptional({ description: 'When the extension was decided; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
