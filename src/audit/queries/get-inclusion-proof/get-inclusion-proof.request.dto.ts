import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCount, IsUuidText, OneKindOf } from '../../../http';

const ONE_LEAF = 'give exactly one of eventId and leafIndex';

/** The query of `GET /v1/audit/proofs/inclusion`: a leaf, by event id or by index. */
export class GetInclusionProofRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The event whose leaf to prove' })
  @OneKindOf([['eventId'], ['leafIndex']], ONE_LEAF)
  @IsUuidText()
  eventId?: string;

  @ApiPropertyOptional({ description: 'The leaf to prove (0-based)' })
  @OneKindOf([['eventId'], ['leafIndex']], ONE_LEAF)
  @IsCount(0)
  leafIndex?: string;

  @ApiPropertyOptional({
    description: 'Prove against this tree size (default: the latest checkpoint)',
  })
  @IsCount(1)
  treeSize?: string;
}
