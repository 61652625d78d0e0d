import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../shared/tenancy/caller';
import type { IsoInstant } from '../../../shared/time/instant';

/** Who acknowledges: the tenant, the recipients it may act for, and the principal recorded. */
export interface Acknowledger extends Caller {
  readonly principal: string;
}

/** What an acknowledgement left standing: the recipient's last acknowledged position. */
export interface AcknowledgementResult {
  readonly recipient: string;
  readonly position: number;
  readonly acknowledgedAt: IsoInstant;
  /** False when the position was acknowledged before: nothing new was recorded. */
  readonly recorded: boolean;
  /** Global position of the stream's last event: the consistency token. */
  readonly globalPosition: bigint | undefined;
  /** True when an earlier try of the same request had already recorded it. */
  readonly replayed: boolean;
}

/** "I have applied every change for `recipient` up to feed position `position`." */
export class AcknowledgeChangesCommand extends Command<AcknowledgementResult> {
  constructor(
    readonly acknowledger: Acknowledger,
    readonly idempotencyKey: string,
    readonly recipient: string,
    readonly position: number,
  ) {
    super();
  }
}
