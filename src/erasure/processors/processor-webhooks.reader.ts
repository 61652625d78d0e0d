import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../event-store';
import { decodeProcessorEvent } from './domain/processor-event-decoder';
import { evolveWebhooks, type ProcessorWebhooks } from './domain/processor-webhooks';
import { processorsStream } from './processors-stream';

interface Cached {
  readonly webhooks: ProcessorWebhooks;
  /** Revision of the last event folded in; -1 when none. */
  readonly revision: number;
}

/**
 * A tenant's configured webhooks, kept in memory and caught up from its stream on every
 * read (one cheap read of what is new), so a webhook configured on another replica is used
 * by the next delivery here.
 */
@Injectable()
export class ProcessorWebhooksReader {
  private readonly cache = new Map<string, Cached>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(tenantId: string): Promise<Cached> {
    const cached = this.cache.get(tenantId) ?? { webhooks: new Map(), revision: -1 };
    const newer = await this.store.readStream(processorsStream(tenantId), {
      fromRevision: cached.revision + 1,
    });
    if (newer.length === 0) return cached;
    const updated: Cached = {
      webhooks: newer.reduce(
        (webhooks, event) => evolveWebhooks(webhooks, decodeProcessorEvent(event.data)),
        cached.webhooks,
      ),
      revision: newer[newer.length - 1]!.streamRevision,
    };
    this.cache.set(tenantId, updated);
    return updated;
  }
}
