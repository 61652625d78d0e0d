import { Inject, Injectable } from '@nestjs/common';
import { subjectStream } from '../../../shared/tenancy/stream-names';
import type { SealedValue } from '../../../shared/domain/sealed-value';
import type { SubjectEvent } from '../../../consent/domain';
import { decodeSubjectEvent } from '../../../consent/domain';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../event-store';
import { openField, SUBJECT_KEYS } from '../../../keys';
import type { SubjectKeyStore } from '../../../keys/subject-keys/subject-key-store.port';
import { erasureRecordFrom } from '../../read-model/erasure-record';
import type { WebhookDelivery } from '../outbox/webhook-delivery';

/** What a processor receives (Standard Webhooks' `type`/`timestamp`/`data` envelope). */
interface ErasureWebhookPayload {
  readonly type: 'erasure.requested';
  /** When the workflow recorded the notification: the same in every attempt. */
  readonly timestamp: string;
  readonly data: {
    readonly tenantId: string;
    readonly erasureId: string;
    /** The ledger's pseudonym of the subject. */
    readonly subjectId: string;
    /** The app's own id of the subject; absent once the subject's key is destroyed. */
    readonly appSubjectId?: string;
    readonly recipient: string;
    readonly scope: 'account' | 'categories';
    /** What this recipient received within the request's scope. */
    readonly categories: readonly string[];
    readonly requestedAt: string;
    /** The deadline in force (GDPR Art. 12(3)); later attempts carry an extended one. */
    readonly deadline: string;
    /** Where the processor (or the controller for it) confirms the erasure, relative to the API. */
    readonly confirmationPath: string;
  };
}

/**
 * Builds a delivery's payload at send time from the subject's stream, so the app's id is
 * opened only for the moment of sending and never written to the outbox; once the key is
 * destroyed (or the ciphertext redacted) the payload goes without it. Undefined when the
 * stream no longer tells of the request (it always should).
 */
@Injectable()
export class ErasureWebhookPayloads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
  ) {}

  async build(delivery: WebhookDelivery): Promise<ErasureWebhookPayload | undefined> {
    const { tenantId, subjectId, erasureId, recipient } = delivery;
    const recorded = await this.store.readStream(subjectStream(tenantId, subjectId));
    const facts = recorded.map((e) => decodeSubjectEvent(e.data));
    const record = erasureRecordFrom(facts, erasureId);
    const notified = record?.recipients.find((r) => r.recipient === recipient);
    if (!record || !notified) return undefined;
    const appSubjectId = await this.appSubjectId(tenantId, subjectId, facts);
    return {
      type: 'erasure.requested',
      timestamp: notified.notifiedAt,
      data: {
        tenantId,
        erasureId,
        subjectId,
        ...(appSubjectId === undefined ? {} : { appSubjectId }),
        recipient,
        scope: record.scope.kind,
        categories: notified.categories,
        requestedAt: record.requestedAt,
        deadline: record.deadline,
        confirmationPath: `/v1/subjects/${subjectId}/erasure-requests/${erasureId}/confirmations`,
      },
    };
  }

  private async appSubjectId(
    tenantId: string,
    subjectId: string,
    facts: readonly SubjectEvent[],
  ): Promise<string | undefined> {
    const registered = facts.find((f) => f.type === 'subject-registered');
    // A redacted field holds its digest (an object) instead of the ciphertext.
    const sealed: unknown = registered?.appSubjectId;
    if (typeof sealed !== 'string') return undefined;
    const key = await this.keys.get(tenantId, subjectId);
    if (key === undefined || key === 'destroyed') return undefined;
    return openField(sealed as SealedValue, key, { tenantId, subjectId, field: 'appSubjectId' });
  }
}
