import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRECISIONS, type Precision } from '../../../../consent/domain';
import type { Basis, RefusalReason } from '../../../../consent/domain';
import type { FlowAttempt } from '../../flow-attempt';

class FlowView {
  @ApiProperty({ format: 'uuid', description: 'The sync-recorded or sync-refused event.' })
  eventId!: string;
  @ApiProperty({ description: "Revision in the subject's stream." }) revision!: number;
  @ApiProperty({ enum: ['recorded', 'refused'] }) outcome!: FlowAttempt['outcome'];
  @ApiProperty() syncId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: PRECISIONS }) precision!: Precision;
  @ApiProperty() userInitiated!: boolean;
  @ApiProperty() policyVersion!: number;
  @ApiPropertyOptional({ enum: ['grant', 'opt-out-default', 'mandatory', 'one-off-sync'] })
  basis?: Basis;
  @ApiPropertyOptional({ type: [String], description: 'Why it was refused.' })
  reasons?: readonly RefusalReason[];
  @ApiProperty({ description: 'When it happened (valid time).' }) occurredAt!: string;
  @ApiProperty({ description: 'When the ledger recorded it (transaction time).' })
  recordedAt!: string;
}

export class SubjectFlowsView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ description: 'Global position the answer reflects (at least).' })
  answeredAtPosition!: string;
  @ApiProperty({ type: [FlowView], description: "The subject's syncs in stream order." })
  flows!: FlowView[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last.' })
  nextCursor?: string;
}

export function flowView(flow: FlowAttempt): FlowView {
  return {
    eventId: flow.eventId,
    revision: flow.revision,
    outcome: flow.outcome,
    syncId: flow.syncId,
    category: flow.category,
    recipient: flow.recipient,
    purpose: flow.purpose,
    precision: flow.precision,
    userInitiated: flow.userInitiated,
    policyVersion: flow.policyVersion,
    ...(flow.basis !== undefined ? { basis: flow.basis } : {}),
    ...(flow.reasons !== undefined ? { reasons: flow.reasons } : {}),
    occurredAt: flow.occurredAt,
    recordedAt: flow.recordedAt,
  };
}
