import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../../../config';
import { APP_CONFIG } from '../../../config';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE, decideAndAppend } from '../../../event-store';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { deterministicEventId } from '../../../shared/ids/deterministic-event-id';
import { policyStream } from '../../../shared/tenancy/stream-names';
import { policyDecider } from '../../domain/policy/policy.decider';
import { decodePolicyEvent } from '../../domain/policy/policy-event-decoder';
import { PublishPolicyCommand, type PolicyPublicationResult } from './publish-policy.command';

@CommandHandler(PublishPolicyCommand)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({
    caller,
    idempotencyKey,
    policy,
    effectiveFrom,
  }: PublishPolicyCommand): Promise<PolicyPublicationResult> {
    const stream = policyStream(caller.tenantId);
    const now = this.clock.now();
    return decideAndAppend(
      this.store,
      policyDecider,
      stream,
      {
        type: 'publish-policy',
        tenantId: caller.tenantId,
        policy,
        effectiveFrom: new Date(effectiveFrom ?? now).toISOString(),
        clock: {
          now,
          maxClockSkewMs: this.config.consent.maxClockSkewMs,
          mayBackdate: caller.mayBackdate,
        },
      },
      {
        decode: decodePolicyEvent,
        eventId: (index) => deterministicEventId(caller.tenantId, idempotencyKey, stream, index),
        metadata: { tenantId: caller.tenantId },
      },
    );
  }
}
