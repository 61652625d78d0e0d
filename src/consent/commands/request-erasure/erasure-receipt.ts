import { ApiProperty } from '@nestjs/swagger';
import { CommandReceipt } from '../../http/command-receipt';

export class ErasureReceipt extends CommandReceipt {
  @ApiProperty({ format: 'uuid' })
  erasureId!: string;
}
