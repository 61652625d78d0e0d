import { ApiProperty } from '@nestjs/swagger';
import { CommandReceipt } from '../../consent';
import type { ShreddingState } from '../commands/complete-erasure/complete-erasure.command';

// Still read from here by the erasure view and the get-erasure handler.

/** What every workflow step answers: where the subject stands, and which request it was. */
export class ErasureStepReceipt extends CommandReceipt {
  @ApiProperty({ format: 'uuid' })
  erasureId!: string;

  @ApiProperty({ description: 'False when the step changed nothing (already recorded).' })
  recorded!: boolean;
}

export class ErasureCompletionReceipt extends ErasureStepReceipt {
  @ApiProperty({
    enum: ['not-applicable', 'pending', 'done'],
    description:
      'Account erasures shred the subject (data key and id lookup) once completed; pending means it runs in the background and GET shows when it is done.',
  })
  shredding!: ShreddingState;
}
