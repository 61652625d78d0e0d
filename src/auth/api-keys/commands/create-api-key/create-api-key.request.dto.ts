import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';
import type { Role } from '../../../role';
import { IsRoleList } from '../../http/role-list.rule';
import { MayBeOmitted } from '../../../../http';

export const KEY_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class CreateApiKeyRequest {
  @ApiProperty({
    description:
      'What the key is for, e.g. "mobile-backend": 1 to 63 lower-case letters, digits and "-". Not a place for personal data.',
    example: 'mobile-backend',
  })
  @Matches(KEY_NAME, { message: 'name must be 1 to 63 lower-case letters, digits and "-"' })
  name!: string;

  @IsRoleList()
  roles!: Role[];

  @ApiPropertyOptional({ description: 'When the key stops working (ISO-8601); never when absent.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({
    example: 'map-provider-row',
    description:
      'Only with roles ["processor"], and then required: the one recipient (a recipient key the tenant\'s policy has offered) the key speaks for (ADR 0042).',
  })
  @MayBeOmitted()
  // Which keys are allowed is the policy's to say: the registry checks it and lists them.
  @IsString({ message: 'recipient must be a recipient key of the policy' })
  recipient?: string;
}
