import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRECISIONS, type Precision } from '../../../../consent/domain';
import type { Basis } from '../../../../consent/domain';
import type { FlowWindowRecord } from '../../../replay/flow-window-records';
import { FlowWindowView } from '../../../queries/get-flow-windows/flow-windows.view';
import type { FlowAttempt } from '../../flow-attempt';
import type { WhyOutside } from './why-outside';

class WhyOutsideView {
  @ApiProperty({
    enum: ['no-window', 'outside-windows'],
    description:
      'no-window: the combination never had a window; outside-windows: none of its windows holds the flow.',
  })
  reason!: WhyOutside['reason'];
  @ApiPropertyOptional({ type: FlowWindowView, description: 'The window nearest in time.' })
  closestWindow?: FlowWindowRecord;
  @ApiPropertyOptional({ enum: ['before-window', 'after-window'] })
  flowIs?: 'before-window' | 'after-window';
  @ApiPropertyOptional({ description: "Milliseconds between the flow and that window's edge." })
  distanceMs?: number;
}

class ViolationView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ format: 'uuid', description: 'The sync-recorded event.' }) eventId!: string;
  @ApiProperty({ description: "Revision in the subject's stream." }) revision!: number;
  @ApiProperty() syncId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: PRECISIONS }) precision!: Precision;
  @ApiProperty({ description: 'The basis it was recorded on.' }) basis!: Basis;
  @ApiProperty({ description: 'When it flowed (valid time).' }) occurredAt!: string;
  @ApiProperty({ description: 'When the ledger recorded it (transaction time).' })
  recordedAt!: string;
  @ApiProperty({ type: WhyOutsideView }) why!: WhyOutsideView;
}

export class ViolationsView {
  @ApiProperty({
    description:
      'Global position the answer reflects (at least): the lower of the flows and flow_windows read models.',
  })
  answeredAtPosition!: string;
  @ApiProperty({ type: [ViolationView], description: 'In (subject, revision) order.' })
  violations!: ViolationView[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last.' })
  nextCursor?: string;
}

export function violationView(flow: FlowAttempt, why: WhyOutside): ViolationView {
  return {
    subjectId: flow.subjectId,
    eventId: flow.eventId,
    revision: flow.revision,
    syncId: flow.syncId,
    category: flow.category,
    recipient: flow.recipient,
    purpose: flow.purpose,
    precision: flow.precision,
    basis: flow.basis!,
    occurredAt: flow.occurredAt,
    recordedAt: flow.recordedAt,
    why,
  };
}
