import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, ValidateBy } from 'class-validator';
import { IsCount, MayBeOmitted } from '../../../http';
import { FeedFilterRequest } from '../feed-filter.request.dto';

/** The most changes one page may hold; more is a 400 naming it. */
export const MAX_FEED_PAGE = 1000;
export const DEFAULT_FEED_PAGE = 100;

/** The query of `GET /v1/feed/changes`. */
export class FeedChangesRequest extends FeedFilterRequest {
  @ApiPropertyOptional({
    description: `How many changes at most (1 to ${MAX_FEED_PAGE}).`,
    example: String(DEFAULT_FEED_PAGE),
    pattern: '^[1-9][0-9]*$',
  })
  @MayBeOmitted()
  @IsCount(1)
  @AtMost(MAX_FEED_PAGE)
  limit?: string;

  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}

/** A decimal count no greater than `max`; anything that is no count is left to `IsCount`. */
function AtMost(max: number): PropertyDecorator {
  return ValidateBy(
    {
      name: 'atMost',
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || !/^[0-9]+$/.test(value) || Number(value) <= max,
      },
    },
    { message: `limit must be at most ${max}, the largest page` },
  );
}
