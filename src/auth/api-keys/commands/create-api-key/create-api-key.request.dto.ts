import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, Matches } from 'class-validator';
import { ROLES, type Role } from '../../../role';
import { MayBeOmitted } from '../../../../http/may-be-omitted.decorator';

export const KEY_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ROLES_MESSAGE = `roles must be a non-empty list of: ${ROLES.join(', ')}`;

export class CreateApiKeyRequest {
  @ApiProperty({
    description:
      'What the key is for, e.g. "mobile-backend": 1 to 63 lower-case letters, digits and "-". Not a place for personal data.',
  })
  @Matches(KEY_NAME, { message: 'name must be 1 to 63 lower-case letters, digits and "-"' })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: ROLES_MESSAGE })
  @ArrayMinSize(1, { message: ROLES_MESSAGE })
  @ArrayMaxSize(ROLES.length, { message: ROLES_MESSAGE })
  @IsIn(ROLES, { each: true, message: ROLES_MESSAGE })
  roles!: Role[];

  @ApiPropertyOptional({ description: 'When the key stops working (ISO-8601); never when absent.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt?: string;
}
