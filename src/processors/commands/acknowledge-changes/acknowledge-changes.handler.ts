import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { decideAndAppend, EVENT_STORE } from '../../../event-store';
import type { EventStore } from '../../../event-store/event-store.port';
import { deterministicEventId } from '../../../shared/ids/deterministic-event-id';
import { processorAcknowledgementsStream } from '../../../shared/tenancy/stream-names';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { toIso } from '../../../shared/time/instant';
import { decodeAcknowledgementEvent } from '../../domain/acknowledgement-event-decoder';
import { AcknowledgementRefusal } from '../../domain/acknowledgement-refusal';
import { acknowledgementsDecider } from '../../domain/acknowledgements.decider';
import type { ProcessorAcknowledged } from '../../domain/processor-acknowledgement.events';
import { FEED_HEAD, type FeedHead } from '../../feed-head.port';
import { PropagationMetrics } from '../../metrics/propagation-metrics';
import { requireOfferedRecipient } from '../../offered-recipient';
import {
  AcknowledgeChangesCommand,
  type AcknowledgementResult,
} from './acknowledge-changes.command';

/**
 * Records a processor's acknowledgement in its recipient's stream (ADR 0042). A recipient
 * the caller may not see, and one the policy never offered, are answered alike: not found.
 */
@CommandHandler(AcknowledgeChangesCommand)
export class AcknowledgeChangesHandler implements ICommandHandler<AcknowledgeChangesCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FEED_HEAD) private readonly feed: FeedHead,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queries: QueryBus,
    private readonly metrics: PropagationMetrics,
  ) {}

  async execute(command: AcknowledgeChangesCommand): Promise<AcknowledgementResult> {
    const { acknowledger, idempotencyKey, recipient, position } = command;
    const { tenantId } = acknowledger;
    await requireOfferedRecipient(this.queries, acknowledger, recipient);
    const stream = processorAcknowledgementsStream(tenantId, recipient);
    const result = await decideAndAppend(
      this.store,
      acknowledgementsDecider,
      stream,
      {
        tenantId,
        recipient,
        position,
        headPosition: await this.feed.headPosition(tenantId),
        now: toIso(this.clock.now()),
        actor: acknowledger.principal,
      },
      {
        decode: decodeAcknowledgementEvent,
        eventId: (index) => deterministicEventId(tenantId, idempotencyKey, stream, index),
        metadata: { tenantId },
      },
    );
    const recorded = result.events[0];
    if (result.replayed && recorded?.position !== position) throw keyReused();
    const standing = recorded ?? (await this.lastAcknowledgement(stream, result.revision));
    if (recorded && !result.replayed) {
      const previous =
        result.revision > 0
          ? await this.lastAcknowledgement(stream, result.revision - 1)
          : undefined;
      await this.metrics.acknowledged(
        tenantId,
        recipient,
        previous?.position ?? 0,
        recorded.position,
        recorded.acknowledgedAt,
      );
    }
    return {
      recipient,
      position: standing.position,
      acknowledgedAt: standing.acknowledgedAt,
      recorded: recorded !== undefined,
      globalPosition: result.position,
      replayed: result.replayed,
    };
  }

  /** The acknowledgement at `revision`: the one that stands, or the one before this one. */
  private async lastAcknowledgement(
    stream: string,
    revision: number,
  ): Promise<ProcessorAcknowledged> {
    const [last] = await this.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!last) throw new Error(`acknowledgement stream ${stream} has no revision ${revision}`);
    return decodeAcknowledgementEvent(last.data);
  }
}

/** The Idempotency-Key recorded another position: it belongs to another request. */
function keyReused(): AcknowledgementRefusal {
  return new AcknowledgementRefusal(
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request; send a new key for a new request.',
  );
}
