import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { POLICY_KEY } from '../../consent';
import { IsCount, MayBeOmitted } from '../../http';

const KEY_MESSAGE = 'must be a policy key: lower-case letters, digits and "-"';

/** What pages and streams of the feed share: where to start, and which changes. */
export class FeedFilterRequest {
  @ApiPropertyOptional({
    description:
      'Feed position to read after (a `position` or `next` given before); 0 or omitted: from the start.',
    example: '0',
    pattern: '^(0|[1-9][0-9]*)$',
  })
  @MayBeOmitted()
  @IsCount(0)
  after?: string;

  @ApiPropertyOptional({
    example: 'map-provider-row',
    description: 'Only changes for this recipient.',
  })
  @MayBeOmitted()
  @Matches(POLICY_KEY, { message: `recipient ${KEY_MESSAGE}` })
  recipient?: string;

  @ApiPropertyOptional({
    example: 'approximate-location',
    description: 'Only changes of this category.',
  })
  @MayBeOmitted()
  @Matches(POLICY_KEY, { message: `category ${KEY_MESSAGE}` })
  category?: string;
}
