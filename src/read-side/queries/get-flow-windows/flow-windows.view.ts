import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRECISIONS, type Precision } from '../../../consent/domain';
import type { StandingBasis } from '../../../consent/domain';
import type { CauseRecord } from '../../replay/flow-window-records';

class CauseView {
  @ApiProperty({ enum: ['event', 'policy-version', 'expiry', 'lapse'] }) kind!: CauseRecord['kind'];
  @ApiPropertyOptional({ description: "Revision in the subject's stream (event, expiry, lapse)." })
  revision?: number;
  @ApiPropertyOptional({ format: 'uuid' }) eventId?: string;
  @ApiPropertyOptional({ description: 'Event type (event).' }) type?: string;
  @ApiPropertyOptional({ description: 'Policy version (policy-version, lapse).' }) version?: number;
}

class BasisPeriodView {
  @ApiProperty() from!: string;
  @ApiProperty({ enum: ['grant', 'opt-out-default', 'mandatory'] }) basis!: StandingBasis;
}

export class FlowWindowView {
  @ApiProperty({ description: 'Inclusive (valid time).' }) start!: string;
  @ApiPropertyOptional({ description: 'Exclusive; absent while the window is open.' })
  end?: string;
  @ApiProperty({ type: CauseView }) openedBy!: CauseView;
  @ApiPropertyOptional({ type: CauseView }) closedBy?: CauseView;
  @ApiProperty({ type: [BasisPeriodView] }) bases!: readonly BasisPeriodView[];
  @ApiPropertyOptional({
    description:
      "When the recipient's processor acknowledged the permission change that closed this window (ADR 0044). Absent while the window is open, while the change is not acknowledged, and in an answer as known at another time.",
  })
  acknowledgedAt?: string;
}

class OneOffFlowView {
  @ApiProperty() at!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() syncId!: string;
  @ApiProperty({ enum: PRECISIONS }) precision!: Precision;
}

class CombinationWindowsView {
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: [FlowWindowView] }) windows!: readonly FlowWindowView[];
  @ApiProperty({
    type: [OneOffFlowView],
    description: 'Syncs recorded on their own one-off consent: instants, not windows.',
  })
  oneOffFlows!: readonly OneOffFlowView[];
}

export class FlowWindowsView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiPropertyOptional({ description: 'The transaction time the answer is as known at.' })
  knownAt?: string;
  @ApiProperty({ description: 'Global position the answer reflects (at least).' })
  answeredAtPosition!: string;
  @ApiProperty({
    type: [CombinationWindowsView],
    description: 'Every combination any policy version offered that matches the filter.',
  })
  combinations!: readonly CombinationWindowsView[];
}
