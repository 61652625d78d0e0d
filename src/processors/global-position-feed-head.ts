import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../event-store';
import type { EventStore } from '../event-store/event-store.port';
import type { FeedHead } from './feed-head.port';

/**
 * Stands in for the permission-change feed's head until the feed (src/feed) is wired in: the
 * newest global event position, the same for every tenant. It only bounds acknowledgements
 * loosely; the provider in `processors.module.ts` is the one line to point at the feed's own
 * head (ADR 0042). A position beyond what a number holds exactly (a KurrentDB commit
 * position may be) is capped there.
 */
@Injectable()
export class GlobalPositionFeedHead implements FeedHead {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async headPosition(_tenantId: string): Promise<number> {
    const head = await this.store.headPosition();
    return head > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(head);
  }
}
