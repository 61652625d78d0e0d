import { ApiProperty } from '@nestjs/swagger';
import type { DecideResult } from '../../event-store';

/** What every command answers: where the subject now stands and how to read it back. */
export class CommandReceipt {
  @ApiProperty({ format: 'uuid', description: 'The subject pseudonym.' })
  subjectId!: string;

  @ApiProperty({ description: 'Revision of the subject after the command; also its ETag.' })
  revision!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Global position reached. Pass it to a query as consistencyToken to read your own write.',
  })
  consistencyToken!: string | null;

  @ApiProperty({ description: 'True when an earlier try of this request had already done it.' })
  replayed!: boolean;
}

export function receiptOf(subjectId: string, result: DecideResult<unknown>): CommandReceipt {
  return {
    subjectId,
    revision: result.revision,
    consistencyToken: result.position === undefined ? null : result.position.toString(),
    replayed: result.replayed,
  };
}
