import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { MAX_WEBHOOK_URL_LENGTH } from '../../webhooks/safety/webhook-target';
import { MayBeOmitted } from '../../../http';

export class ConfigureWebhookRequest {
  @ApiProperty({
    example: 'https://processor.example/erasure-webhooks',
    description:
      'https URL (http only where WEBHOOK_ALLOW_HTTP=true) whose host resolves to public addresses only, unless allow-listed. Recorded in the audit log: put no secret in it.',
  })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({
    description: 'Issue a new signing secret even if one is in force (rotation).',
    default: false,
  })
  @MayBeOmitted()
  @IsBoolean()
  rotateSecret?: boolean;
}
