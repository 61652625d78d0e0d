import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { PermissionFieldsDto } from '../../http/permission-fields.dto';
import { MayBeOmitted } from '../../../http';

export class GrantConsentRequest extends PermissionFieldsDto {
  @ApiPropertyOptional({ description: 'When the grant stops being valid (ISO-8601).' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'When the subject granted; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;

  @ApiPropertyOptional({ enum: ['subject', 'app'], default: 'subject' })
  @MayBeOmitted()
  @IsIn(['subject', 'app'], { message: 'actor must be one of: subject, app' })
  actor?: 'subject' | 'app';
}
