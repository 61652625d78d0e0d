import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { IsCount } from '../../../http';

/** The query of `GET /v1/audit/proofs/consistency`: two tree sizes, the newer one optional. */
export class GetConsistencyProofRequest {
  @ApiProperty({ description: 'Size of the older tree (at least 1)' })
  @IsDefined({ message: 'from is required' })
  @IsCount(1)
  from!: string;

  @ApiPropertyOptional({ description: 'Size of the newer tree (default: the latest checkpoint)' })
  @IsCount(1)
  to?: string;
}
