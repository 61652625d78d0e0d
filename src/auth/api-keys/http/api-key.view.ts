import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiKeyRecord } from '../../domain/api-key-registry.state';
import { publicPrefix } from '../../domain/api-key-token';
import { ROLES, type Role } from '../../role';

/** A key as listed: never its secret or digest. */
export class ApiKeyView {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'The public part of the key, e.g. clk_default_0123456789abcdef.' })
  prefix!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiPropertyOptional({
    example: 'map-provider-row',
    description: 'The one recipient a processor key speaks for; absent on other keys.',
  })
  recipient?: string;
}

export class ApiKeyReceipt extends ApiKeyView {
  @ApiPropertyOptional({
    description:
      'The whole key, only in the response that created it. It is stored as a keyed digest and cannot be shown again.',
  })
  apiKey?: string;
  @ApiProperty({ nullable: true, type: String }) consistencyToken!: string | null;
  @ApiProperty() replayed!: boolean;
}

export class ApiKeyList {
  @ApiProperty({ type: [ApiKeyView] }) keys!: ApiKeyView[];
}

export function apiKeyViewOf(tenantId: string, key: ApiKeyRecord): ApiKeyView {
  return {
    keyId: key.keyId,
    prefix: publicPrefix({ tenantId, keyId: key.keyId }),
    name: key.name,
    roles: [...key.roles],
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    ...(key.recipient === null ? {} : { recipient: key.recipient }),
  };
}
