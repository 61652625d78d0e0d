import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Basis, RefusalReason, SubjectEvent } from '../../domain/subject/subject.events';
import { CommandReceipt } from '../../http/command-receipt';

/** A sync is recorded either way: as a permitted flow, or as a refused attempt. */
export class SyncReceipt extends CommandReceipt {
  @ApiProperty({ enum: ['recorded', 'refused'] })
  outcome!: 'recorded' | 'refused';

  @ApiPropertyOptional({ enum: ['grant', 'opt-out-default', 'mandatory', 'one-off-sync'] })
  basis?: Basis;

  @ApiProperty({ type: [String], description: 'Why the flow was refused; empty when recorded.' })
  reasons!: readonly RefusalReason[];
}

export function syncOutcome(
  events: readonly SubjectEvent[],
): Pick<SyncReceipt, 'outcome' | 'basis' | 'reasons'> {
  const event = events[0];
  if (event?.type === 'sync-recorded')
    return { outcome: 'recorded', basis: event.basis, reasons: [] };
  if (event?.type === 'sync-refused') return { outcome: 'refused', reasons: event.reasons };
  // The decider answers a sync with exactly one of the two events.
  throw new Error('a sync command produced no sync event');
}
