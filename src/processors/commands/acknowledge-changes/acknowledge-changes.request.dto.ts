import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

const POSITION_MESSAGE = `position must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;

export class AcknowledgeChangesRequest {
  @ApiProperty({
    example: 1042,
    minimum: 0,
    description:
      "A position of the tenant's permission-change feed: every change for this recipient up to it was applied.",
  })
  @IsInt({ message: POSITION_MESSAGE })
  @Min(0, { message: POSITION_MESSAGE })
  @Max(Number.MAX_SAFE_INTEGER, { message: POSITION_MESSAGE })
  position!: number;
}
