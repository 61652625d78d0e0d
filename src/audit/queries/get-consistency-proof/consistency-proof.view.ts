import { ApiProperty } from '@nestjs/swagger';

export class ConsistencyProofView {
  @ApiProperty({ description: 'Size of the older tree' })
  from!: number;

  @ApiProperty({ description: 'Size of the newer tree' })
  to!: number;

  @ApiProperty({ type: [String], description: 'Base64 RFC 9162 consistency proof' })
  proof!: string[];
}
