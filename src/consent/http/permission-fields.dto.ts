import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Policy keys: lower-case letters, digits and "-", as `validate-policy.ts` requires. */
export const POLICY_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KEY_MESSAGE = 'must be a policy key: lower-case letters, digits and "-", at most 63';

/** The (category, recipient, purpose) a consent or a flow is about. */
export class PermissionFieldsDto {
  @ApiProperty({ example: 'approximate-location' })
  @Matches(POLICY_KEY, { message: `category ${KEY_MESSAGE}` })
  category!: string;

  @ApiProperty({ example: 'map-provider-row' })
  @Matches(POLICY_KEY, { message: `recipient ${KEY_MESSAGE}` })
  recipient!: string;

  @ApiProperty({ example: 'map-display' })
  @Matches(POLICY_KEY, { message: `purpose ${KEY_MESSAGE}` })
  purpose!: string;
}
