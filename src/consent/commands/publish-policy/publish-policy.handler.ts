import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/app-config.token';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../event-store/event-store.token';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { decideAndAppend } from '../../../event-store/decide-and-append';
import { deterministicEventId } from '../../../shared/ids/deterministic-event-id';
import { policyStream } from '../../../shared/tenancy/stream-names';
import type { PolicyDocument } from '../../domain/policy/policy-document';
import { policyDecider } from '../../domain/policy/policy.decider';
import { decodePolicyEvent } from '../../domain/policy/policy-event-decoder';
import type { PolicyReceipt } from './policy-receipt';
import { PublishPolicyCommand } from './publish-policy.command';

@CommandHandler(PublishPolicyCommand)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, idempotencyKey, body }: PublishPolicyCommand): Promise<PolicyReceipt> {
    const { effectiveFrom, ...document } = body;
    const policy: PolicyDocument = {
      ...document,
      reconsentRequired: document.reconsentRequired ?? [],
    };
    const stream = policyStream(caller.tenantId);
    const now = this.clock.now();
    const result = await decideAndAppend(
      this.store,
      policyDecider,
      stream,
      {
        type: 'publish-policy',
        tenantId: caller.tenantId,
        policy: plain(policy),
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
    const published = result.events[0]!;
    return {
      version: published.policy.version,
      effectiveFrom: published.occurredAt,
      consistencyToken: result.position?.toString() ?? null,
      replayed: result.replayed,
    };
  }
}

/** DTO class instances → plain JSON, so the event holds data and nothing else. */
function plain(policy: PolicyDocument): PolicyDocument {
  return JSON.parse(JSON.stringify(policy)) as PolicyDocument;
}
