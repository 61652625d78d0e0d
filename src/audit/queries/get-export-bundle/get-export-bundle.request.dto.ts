import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBefore, IsCount, IsRfc3339, IsUuidText, OneKindOf } from '../../../http';

const KINDS = [['subjectId'], ['from', 'to']];
const ONE_KIND = 'give either subjectId, or from and/or to';

/**
 * The query of `GET /v1/audit/exports`: `subjectId`, or a transaction-time range
 * `from`/`to` (either side may be left open, not both), never both kinds at once.
 */
export class GetExportBundleRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "The subject's pseudonym" })
  @OneKindOf(KINDS, ONE_KIND)
  @IsUuidText()
  subjectId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'RFC 3339, inclusive' })
  @OneKindOf(KINDS, ONE_KIND)
  @IsRfc3339()
  @IsBefore('to')
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'RFC 3339, exclusive' })
  @OneKindOf(KINDS, ONE_KIND)
  @IsRfc3339()
  to?: string;

  @ApiPropertyOptional({
    description: 'Prove against the checkpoint of this size (default: the latest)',
  })
  @IsCount(1)
  treeSize?: string;
}
