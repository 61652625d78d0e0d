import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ShreddingState } from '../commands/complete-erasure/complete-erasure.command';

class ErasureRecipientView {
  @ApiProperty({ example: 'map-provider-row' }) recipient!: string;
  @ApiProperty({ type: [String], description: 'What it received within the scope.' })
  categories!: readonly string[];
  @ApiProperty({ description: 'When the workflow recorded the notification.' })
  notifiedAt!: string;
  @ApiProperty() confirmed!: boolean;
  @ApiPropertyOptional() confirmedAt?: string;
}

/** Where the notification's webhook delivery stands (ADR 0015); never the response body. */
export class WebhookDeliveryView {
  @ApiProperty({
    enum: ['pending', 'unconfigured', 'failing', 'delivered', 'failed'],
    description:
      'unconfigured: the recipient has no webhook yet (it waits, it has not failed); failed: every attempt failed (configuring the webhook again retries).',
  })
  state!: 'pending' | 'unconfigured' | 'failing' | 'delivered' | 'failed';
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the last attempt.' })
  lastStatus!: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Kind of the last failure: http-status, redirect, connect-timeout, response-timeout, connect-error, tls-error, network-error, target-…, secret-unavailable.',
  })
  lastError!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When it is due next, unless delivered or failed.',
  })
  nextAttemptAt!: string | null;
}

class ErasureRecipientDetailView extends ErasureRecipientView {
  @ApiProperty({ type: WebhookDeliveryView }) delivery!: WebhookDeliveryView;
}

class ErasureExtensionView {
  @ApiProperty() extendedAt!: string;
  @ApiProperty() newDeadline!: string;
  @ApiProperty() subjectToldAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Only on a single request; null once the subject is erased.',
  })
  reason?: string | null;
}

class ErasureCompletionView {
  @ApiProperty() completedAt!: string;
  @ApiProperty({ enum: ['all-confirmed', 'override'] }) completion!: 'all-confirmed' | 'override';
  @ApiProperty() actor!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'For an override, on a single request; null once the subject is erased.',
  })
  overrideReason?: string | null;
}

/** An erasure request, its deadline (Art. 12(3)) and its recipients (Art. 19). */
export class ErasureView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ format: 'uuid' }) erasureId!: string;
  @ApiProperty({ enum: ['account', 'categories'] }) scope!: 'account' | 'categories';
  @ApiPropertyOptional({ type: [String] }) categories?: readonly string[];
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ description: 'One month after the request, end of that day (UTC).' })
  originalDeadline!: string;
  @ApiProperty({ description: 'The deadline in force: the extended one, if any.' })
  deadline!: string;
  @ApiProperty({ enum: ['open', 'completed'] }) state!: 'open' | 'completed';
  @ApiProperty({ description: 'Open and past its deadline.' }) overdue!: boolean;
  @ApiProperty({ type: ErasureExtensionView, nullable: true })
  extension!: ErasureExtensionView | null;
  @ApiProperty({ type: [ErasureRecipientView] }) recipients!: ErasureRecipientView[];
  @ApiProperty({ type: ErasureCompletionView, nullable: true })
  completion!: ErasureCompletionView | null;
}

/** One request read from the subject's stream: always current. */
export class ErasureDetailView extends ErasureView {
  @ApiProperty({ type: [ErasureRecipientDetailView] })
  override recipients: ErasureRecipientDetailView[] = [];
  @ApiProperty({
    type: [String],
    description:
      'Recipients the data went to that the workflow has not notified yet (it does so in the background).',
  })
  notificationsPending!: string[];
  @ApiProperty({ enum: ['not-applicable', 'pending', 'done'] }) shredding!: ShreddingState;
  @ApiProperty({ description: 'False once the subject key is destroyed (shredded).' })
  personalDataAvailable!: boolean;
  @ApiProperty({ description: "The subject's stream revision; also its ETag." }) revision!: number;
}

export class ErasureListView {
  @ApiProperty({ type: [ErasureView] }) erasures!: ErasureView[];
  @ApiProperty({ description: 'The clock reading "overdue" was judged against.' }) now!: string;
  @ApiProperty({ description: 'The read model reflects at least every event up to here.' })
  answeredAtPosition!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page.' })
  nextCursor!: string | null;
}
