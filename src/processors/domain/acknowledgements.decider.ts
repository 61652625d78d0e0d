import type { Decider } from '../../shared/domain/decider';
import type { IsoInstant } from '../../shared/time/instant';
import { AcknowledgementRefusal } from './acknowledgement-refusal';
import type {
  AcknowledgementEvent,
  ProcessorAcknowledged,
} from './processor-acknowledgement.events';

/** "I have applied every change for my recipient up to `position`." */
export interface AcknowledgeChanges {
  readonly tenantId: string;
  readonly recipient: string;
  readonly position: number;
  /** The feed's head when the command was decided: nothing beyond it can have been applied. */
  readonly headPosition: number;
  readonly now: IsoInstant;
  readonly actor: string;
}

/** A recipient's acknowledgements so far: the last one stands for all before it. */
export interface AcknowledgementState {
  readonly last: ProcessorAcknowledged | undefined;
}

/**
 * The rules of one recipient's acknowledgements (ADR 0042). They only move forward: a
 * position below the last one is refused (409, with the last one), and so is one beyond the
 * feed's head (409, with the head). The same position again records nothing and is no
 * error: a processor that restarts may acknowledge where it stands without reading first.
 */
export const acknowledgementsDecider: Decider<
  AcknowledgeChanges,
  AcknowledgementEvent,
  AcknowledgementState
> = {
  initialState: () => ({ last: undefined }),
  evolve: (_state, event) => ({ last: event }),
  decide(command, { last }) {
    const current = {
      lastAcknowledgedPosition: last?.position ?? null,
      headPosition: command.headPosition,
    };
    if (last && command.position === last.position) return [];
    if (last && command.position < last.position) {
      throw new AcknowledgementRefusal(
        'acknowledgement-behind',
        `position ${command.position} lies below the last acknowledged position ${last.position}; acknowledgements only move forward`,
        current,
      );
    }
    if (command.position > command.headPosition) {
      throw new AcknowledgementRefusal(
        'acknowledgement-beyond-head',
        `position ${command.position} lies beyond the feed's head ${command.headPosition}; acknowledge only changes the feed has served`,
        current,
      );
    }
    return [
      {
        type: 'processor-acknowledged',
        schemaVersion: 1,
        tenantId: command.tenantId,
        recipient: command.recipient,
        position: command.position,
        acknowledgedAt: command.now,
        actor: command.actor,
      },
    ];
  },
};
