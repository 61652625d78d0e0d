import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainLink } from '../../leaf';

export class InclusionProofView {
  @ApiProperty({ description: 'Index of the leaf in the tenant log (0-based)' })
  leafIndex!: number;

  @ApiProperty({ description: 'Size of the tree the proof is for' })
  treeSize!: number;

  @ApiProperty({ description: 'Base64 RFC 9162 leaf hash, SHA-256(0x00 || leaf input)' })
  leafHash!: string;

  @ApiProperty({ type: [String], description: 'Base64 sibling hashes, leaf to root' })
  proof!: string[];

  @ApiPropertyOptional({
    enum: [2],
    description:
      'Present when the leaf is chained (docs/adr/0041): its input then also commits to leafFormat and previousInStream. Absent for a format-1 leaf.',
  })
  leafFormat?: 2;

  @ApiPropertyOptional({
    description:
      'With leafFormat 2: the previous leaf of the event\'s stream in the log, or "first". Needed to recompute the leaf from the event.',
    oneOf: [
      { type: 'string', enum: ['first'] },
      {
        type: 'object',
        required: ['leafIndex', 'leafHash'],
        properties: {
          leafIndex: { type: 'integer', minimum: 0 },
          leafHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Lower-case hex' },
        },
      },
    ],
  })
  previousInStream?: ChainLink;
}
