import type { IsoInstant } from '../../shared/time/instant';
import type { CountInterval } from './count-intervals';

/** Per tenant: by key, by instant, how much the count changes there. */
export type TenantDeltas = Map<string, Map<IsoInstant, number>>;

/**
 * The changes to the per-tenant counts that a batch of events makes, gathered in memory and
 * written once: a subject whose intervals change has its old ones taken away and its new
 * ones added, each interval as +1 at its start and −1 at its end. Changes that cancel out
 * leave nothing.
 */
export class CountDeltas {
  readonly byTenant = new Map<string, TenantDeltas>();
  /** Per tenant, the newest transaction time among the events seen. */
  readonly newestRecordedAt = new Map<string, IsoInstant>();

  /** The tenant has seen an event recorded at `recordedAt`. */
  saw(tenantId: string, recordedAt: IsoInstant): void {
    const newest = this.newestRecordedAt.get(tenantId);
    if (newest === undefined || recordedAt > newest)
      this.newestRecordedAt.set(tenantId, recordedAt);
  }

  /** A subject's intervals went from `before` to `after`. */
  replace(
    tenantId: string,
    before: readonly CountInterval[],
    after: readonly CountInterval[],
  ): void {
    for (const interval of before) this.add(tenantId, interval, -1);
    for (const interval of after) this.add(tenantId, interval, 1);
  }

  private add(tenantId: string, { key, start, end }: CountInterval, sign: 1 | -1): void {
    let tenant = this.byTenant.get(tenantId);
    if (!tenant) this.byTenant.set(tenantId, (tenant = new Map<string, Map<IsoInstant, number>>()));
    let changes = tenant.get(key);
    if (!changes) tenant.set(key, (changes = new Map<IsoInstant, number>()));
    bump(changes, start, sign);
    if (end !== undefined) bump(changes, end, -sign);
  }
}

function bump(changes: Map<IsoInstant, number>, at: IsoInstant, by: number): void {
  const total = (changes.get(at) ?? 0) + by;
  if (total === 0) changes.delete(at);
  else changes.set(at, total);
}
