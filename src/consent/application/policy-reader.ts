import type { EventStore } from '../../event-store/event-store.port';
import { PolicyHistory } from '../domain/policy/policy-history';
import { decodePolicyEvent } from '../domain/policy/policy-event-decoder';
import { policyStream } from '../../shared/tenancy/stream-names';

interface Cached {
  readonly history: PolicyHistory;
  /** Revision of the last policy event folded in; -1 when none. */
  readonly revision: number;
}

/**
 * A tenant's policy history, kept in memory and caught up from its stream on every read:
 * one cheap read of whatever was published since, so a version published by another
 * replica is seen by the next command.
 */
export class PolicyReader {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly store: EventStore) {}

  async history(tenantId: string): Promise<PolicyHistory> {
    return (await this.current(tenantId)).history;
  }

  async current(tenantId: string): Promise<Cached> {
    const cached = this.cache.get(tenantId) ?? { history: PolicyHistory.empty(), revision: -1 };
    const newer = await this.store.readStream(policyStream(tenantId), {
      fromRevision: cached.revision + 1,
    });
    if (newer.length === 0) return cached;
    const updated: Cached = {
      history: newer.reduce(
        (history, event) => history.with(decodePolicyEvent(event.data)),
        cached.history,
      ),
      revision: newer[newer.length - 1]!.streamRevision,
    };
    this.cache.set(tenantId, updated);
    return updated;
  }
}
