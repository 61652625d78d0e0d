import { ApiProperty } from '@nestjs/swagger';

export class ClosingChangeView {
  @ApiProperty({ example: 1042, description: "The change's feed position." })
  position!: number;
  @ApiProperty({ example: 'sub_7f3a9c' })
  subjectId!: string;
  @ApiProperty({ example: 'location' })
  category!: string;
  @ApiProperty({ example: 'maps' })
  purpose!: string;
  @ApiProperty({
    example: '2026-06-03T10:00:00.000Z',
    description: 'When the window closed: the change’s validFrom (ADR 0044).',
  })
  closedAt!: string;
}

export class UnacknowledgedView {
  @ApiProperty({ example: 3, description: 'Closing changes after the last acknowledged position.' })
  count!: number;
  @ApiProperty({ type: [ClosingChangeView], description: 'The oldest of them, in position order.' })
  oldest!: ClosingChangeView[];
}

export class LagView {
  @ApiProperty({ example: '2026-06-01T00:00:00.000Z' })
  from!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00.000Z' })
  to!: string;
  @ApiProperty({
    example: 12,
    description: 'Acknowledged closing changes whose closedAt lies in [from, to).',
  })
  count!: number;
  @ApiProperty({ example: 4.2, type: Number, nullable: true, description: 'Nearest rank.' })
  p50Seconds!: number | null;
  @ApiProperty({ example: 30.5, type: Number, nullable: true, description: 'Nearest rank.' })
  p99Seconds!: number | null;
  @ApiProperty({ example: 31, type: Number, nullable: true })
  maxSeconds!: number | null;
}

export class PropagationView {
  @ApiProperty({ example: 'maps-provider' })
  recipient!: string;
  @ApiProperty({
    example: 1040,
    type: Number,
    nullable: true,
    description: 'Null before the first.',
  })
  lastAcknowledgedPosition!: number | null;
  @ApiProperty({ example: '2026-06-03T10:00:04.200Z', type: String, nullable: true })
  lastAcknowledgedAt!: string | null;
  @ApiProperty({ type: UnacknowledgedView })
  unacknowledged!: UnacknowledgedView;
  @ApiProperty({ type: LagView, description: 'Lag = acknowledgedAt − closedAt.' })
  lag!: LagView;
}
