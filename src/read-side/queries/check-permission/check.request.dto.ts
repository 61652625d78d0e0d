import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsUUID } from 'class-validator';
import { PRECISIONS, type Precision } from '../../../consent/domain';
import { PermissionFieldsDto } from '../../../consent';
import type { AskedQuestion } from './check-permission.query';
import { MayBeOmitted } from '../../../http';

/** "May `category` about this subject flow to `recipient` for `purpose` (at `at`)?" */
export class CheckRequest extends PermissionFieldsDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The subject pseudonym.',
    example: '3f2b8c1e-5d4a-4e6b-9a7c-2d1e0f9b8a76',
  })
  @IsUUID('all', { message: 'subjectId must be a subject pseudonym (a UUID)' })
  subjectId!: string;

  @ApiPropertyOptional({ enum: PRECISIONS, description: 'Omitted: any precision allowed.' })
  @MayBeOmitted()
  @IsIn(PRECISIONS, { message: `precision must be one of: ${PRECISIONS.join(', ')}` })
  precision?: Precision;

  @ApiPropertyOptional({ description: 'The instant to answer for (valid time); default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO-8601 date-time' })
  at?: string;
}

export function askedQuestionOf(request: CheckRequest): AskedQuestion {
  return {
    subjectId: request.subjectId,
    category: request.category,
    recipient: request.recipient,
    purpose: request.purpose,
    ...(request.precision ? { precision: request.precision } : {}),
    ...(request.at !== undefined ? { at: Date.parse(request.at) } : {}),
  };
}
