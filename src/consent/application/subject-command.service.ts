import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE, decideAndAppend, type DecideResult } from '../../event-store';
import type { Caller } from '../../shared/tenancy/caller';
import { DomainError } from '../../shared/domain/domain-error';
import type { CommandContext, SubjectCommand } from '../domain/subject/subject.commands';
import { subjectDecider } from '../domain/subject/subject.decider';
import type { SubjectState } from '../domain/subject/subject.state';
import type { Decider } from '../../shared/domain/decider';
import { decodeSubjectEvent } from '../domain/subject/subject-event-decoder';
import type { Actor, Permission, SubjectEvent } from '../domain/subject/subject.events';
import { CLOCK, type Clock } from '../../shared/time/clock';
import { deterministicEventId } from '../../shared/ids/deterministic-event-id';
import { PolicyReader } from './policy-reader';
import { subjectStream } from '../../shared/tenancy/stream-names';

/** A consent decision as the caller states it (grant or revocation). */
export interface StatedDecision extends Permission {
  /** When the subject decided (ISO 8601); now when omitted. */
  readonly occurredAt?: string;
  /** The subject when omitted. */
  readonly actor?: 'subject' | 'app';
}

/**
 * What every subject command carries besides its own fields: who asks, about which subject,
 * under which idempotency key (the event ids derive from it), and optionally the revision
 * the caller last saw — then the command applies only if nobody changed the subject since.
 */
export interface SubjectRequest {
  readonly caller: Caller;
  readonly subjectId: string;
  readonly idempotencyKey: string;
  readonly expectedRevision?: number;
}

/**
 * What a subject command did: the events it stands for (appended now or by an earlier try),
 * the subject's revision and the global position reached afterwards, and whether an earlier
 * try had already done it.
 */
export interface SubjectCommandResult extends DecideResult<SubjectEvent> {
  readonly subjectId: string;
}

/**
 * Runs a subject command through the decider: builds the rules' context (policy history,
 * clock, the caller's rights), derives the event ids from the idempotency key, and appends
 * with optimistic concurrency.
 */
@Injectable()
export class SubjectCommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: PolicyReader,
  ) {}

  async context(caller: Caller): Promise<CommandContext> {
    return {
      tenantId: caller.tenantId,
      policy: await this.policies.history(caller.tenantId),
      now: this.clock.now(),
      maxClockSkewMs: this.config.consent.maxClockSkewMs,
      mayBackdate: caller.mayBackdate,
    };
  }

  execute(
    request: SubjectRequest,
    build: (context: CommandContext) => SubjectCommand,
  ): Promise<SubjectCommandResult> {
    return this.executeWith(subjectDecider, request, build);
  }

  /** The same for another decider on the subject's stream (the erasure steps: src/erasure). */
  async executeWith<Command>(
    decider: Decider<Command, SubjectEvent, SubjectState>,
    request: SubjectRequest,
    build: (context: CommandContext) => Command,
  ): Promise<SubjectCommandResult> {
    const { caller, subjectId, idempotencyKey } = request;
    const stream = subjectStream(caller.tenantId, subjectId);
    const command = build(await this.context(caller));
    const result = await decideAndAppend(this.store, decider, stream, command, {
      decode: decodeSubjectEvent,
      eventId: (index) => deterministicEventId(caller.tenantId, idempotencyKey, stream, index),
      ...(request.expectedRevision !== undefined
        ? { expectedRevision: request.expectedRevision }
        : {}),
      metadata: { tenantId: caller.tenantId },
    });
    return { ...result, subjectId };
  }

  /** What a grant and a revocation share: the combination, the valid time, who decided. */
  decisionOf(stated: StatedDecision): Permission & { occurredAt: string; actor: Actor } {
    return {
      occurredAt: this.occurredAt(stated.occurredAt),
      category: stated.category,
      recipient: stated.recipient,
      purpose: stated.purpose,
      actor: stated.actor ?? 'subject',
    };
  }

  /** Valid time of a request: what the caller said, normalised, or now. */
  occurredAt(requested: string | undefined): string {
    const millis = requested === undefined ? this.clock.now() : Date.parse(requested);
    if (Number.isNaN(millis)) {
      throw new DomainError('invalid-time', 'occurredAt must be an ISO-8601 date-time');
    }
    return new Date(millis).toISOString();
  }
}
