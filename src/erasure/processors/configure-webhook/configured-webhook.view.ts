import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProcessorWebhookView {
  @ApiProperty({ example: 'map-provider-row' }) recipient!: string;
  @ApiProperty({ example: 'https://processor.example/erasure-webhooks' }) url!: string;
  @ApiProperty({ description: 'When the URL or secret was last set.' }) configuredAt!: string;
  @ApiProperty({ description: 'When the signing secret in force was issued.' })
  secretIssuedAt!: string;
  @ApiProperty({
    type: [String],
    enum: ['erasure.requested', 'consent.changed'],
    example: ['erasure.requested', 'consent.changed'],
    description: 'What the webhook is sent (ADR 0046).',
  })
  events!: readonly ('erasure.requested' | 'consent.changed')[];
}

export class ConfiguredWebhookView extends ProcessorWebhookView {
  @ApiProperty({ description: 'True when this call issued a new signing secret.' })
  secretIssued!: boolean;
  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The new signing secret (Standard Webhooks format). Shown only in this answer and never again: store it now. Absent when no secret was issued.',
  })
  secret?: string;
  @ApiProperty({ nullable: true, type: String }) consistencyToken!: string | null;
}
