import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayContains,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/processor-webhook.events';
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

  @ApiPropertyOptional({
    type: [String],
    enum: WEBHOOK_EVENT_TYPES,
    example: ['erasure.requested', 'consent.changed'],
    description:
      "What the webhook is sent. `erasure.requested` is always among them (the controller owes erasure notices); add `consent.changed` to receive the recipient's permission changes (ADR 0046). Omitted: what is in force stays (erasure notices only at first).",
  })
  @MayBeOmitted()
  @IsArray()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  @ArrayUnique()
  @ArrayContains(['erasure.requested'], { message: 'events must contain erasure.requested' })
  events?: WebhookEventType[];
}
