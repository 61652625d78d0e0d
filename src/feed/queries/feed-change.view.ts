import { ApiProperty } from '@nestjs/swagger';
import type { Basis } from '../../consent/domain';
import type { ChangeTrigger } from '../domain';
import type { FeedChange } from '../projection/feed-change-row';

/** One permission change as pages and streams give it. */
export class FeedChangeView {
  @ApiProperty({
    example: 42,
    description: "Position in the tenant's feed: 1, 2, 3, … without a gap.",
  })
  position!: number;
  @ApiProperty({
    format: 'uuid',
    example: '8d0f4c1e-52a4-4f0e-9a53-0c1d2e3f4a5b',
    description:
      "The subject's pseudonym (the id every endpoint uses for it), never personal data.",
  })
  subjectId!: string;
  @ApiProperty({ example: 'approximate-location' }) category!: string;
  @ApiProperty({ example: 'map-provider-row' }) recipient!: string;
  @ApiProperty({ example: 'map-display' }) purpose!: string;
  @ApiProperty({ example: false, description: 'Whether the flow is permitted from validFrom on.' })
  permitted!: boolean;
  @ApiProperty({
    enum: ['grant', 'opt-out-default', 'mandatory'],
    nullable: true,
    example: null,
    description: 'The basis when permitted; null otherwise.',
  })
  basis!: Basis | null;
  @ApiProperty({
    example: '2026-06-01T12:00:00.000Z',
    description: 'Valid time from which it holds.',
  })
  validFrom!: string;
  @ApiProperty({
    format: 'uuid',
    example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d',
    description:
      'The event whose processing emitted the change; for a `time` change, the event whose recorded time moved the feed past validFrom.',
  })
  causeEventId!: string;
  @ApiProperty({ example: '1234', description: "The cause event's global position (decimal)." })
  causePosition!: string;
  @ApiProperty({
    enum: ['event', 'time'],
    example: 'event',
    description:
      '`event`: an event changed the answer; `time`: an expiry, a lapse or a scheduled policy version took effect.',
  })
  trigger!: ChangeTrigger;
  @ApiProperty({
    type: 'integer',
    example: 2,
    nullable: true,
    description: 'The policy version in force, if any.',
  })
  policyVersion!: number | null;
}

export function feedChangeView(change: FeedChange): FeedChangeView {
  return { ...change };
}
