import { ApiProperty } from '@nestjs/swagger';

export class PolicyReceipt {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'When the version takes effect.' }) effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) consistencyToken!: string | null;
  @ApiProperty() replayed!: boolean;
}
