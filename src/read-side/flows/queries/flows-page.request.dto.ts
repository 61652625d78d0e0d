import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MayBeOmitted } from '../../../http';

/** The most items one page may hold; more is a 400. */
const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** The query of a paginated list: page size, where to go on, read-your-writes. */
export class FlowsPageRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `limit must be at most ${MAX_PAGE_SIZE}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; omit for the first.' })
  @MayBeOmitted()
  @IsString({ message: 'cursor must be a nextCursor this endpoint returned' })
  @MaxLength(1000, { message: 'cursor must be a nextCursor this endpoint returned' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}
