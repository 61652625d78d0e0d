import { ApiProperty } from '@nestjs/swagger';
import { IsCount } from '../../../http';

/** The path of `GET /v1/audit/checkpoints/{size}`. */
export class GetCheckpointRequest {
  @ApiProperty({ description: 'A tree size (at least 1)', example: '42' })
  @IsCount(1)
  size!: string;
}
