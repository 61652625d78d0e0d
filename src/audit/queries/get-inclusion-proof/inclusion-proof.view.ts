import { ApiProperty } from '@nestjs/swagger';

export class InclusionProofView {
  @ApiProperty({ description: 'Index of the leaf in the tenant log (0-based)' })
  leafIndex!: number;

  @ApiProperty({ description: 'Size of the tree the proof is for' })
  treeSize!: number;

  @ApiProperty({ description: 'Base64 RFC 9162 leaf hash, SHA-256(0x00 || leaf input)' })
  leafHash!: string;

  @ApiProperty({ type: [String], description: 'Base64 sibling hashes, leaf to root' })
  proof!: string[];
}
