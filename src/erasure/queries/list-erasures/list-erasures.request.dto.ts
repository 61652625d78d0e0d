import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { MayBeOmitted } from '../../../http';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The query of `GET /v1/erasures`; every part is optional. */
export class ListErasuresRequest {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only open requests past their deadline; false: all others.',
  })
  @MayBeOmitted()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['open', 'completed'] })
  @MayBeOmitted()
  @IsIn(['open', 'completed'], { message: 'state must be one of: open, completed' })
  state?: 'open' | 'completed';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @MayBeOmitted()
  @Matches(/^[1-9]\d{0,3}$/, { message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
  limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @MayBeOmitted()
  @IsString({ message: 'cursor must be the nextCursor of a previous page' })
  @MaxLength(1000, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}
