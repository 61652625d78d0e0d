import { combinationsEverOffered } from '../../../consent/domain';
import { toIso, toMillis } from '../../../shared/time/instant';
import type { SqlExecutor } from '../../../read-store/read-store.port';
import { FLOW_WINDOWS } from '../../projections/flow-windows.projection';
import { PolicyVersionsTable } from '../../projections/policy-versions.table';
import { columnsOf, keyText } from '../../summary/count-key';
import { SummaryCountsTable } from '../../summary/summary-counts.table';
import type { ConsentSummaryView } from './consent-summary.view';

/**
 * The per-tenant counts the `flow_windows` projection keeps, as of an instant: one read of
 * a few rows per key, however many subjects the tenant has (see `SummaryCountsTable`).
 */
export class ConsentSummaryReader {
  private readonly counts = new SummaryCountsTable(FLOW_WINDOWS);
  private readonly policies = new PolicyVersionsTable(FLOW_WINDOWS);

  constructor(private readonly store: SqlExecutor) {}

  /**
   * The counts as of `at` (epoch ms) or, if the tenant's newest recorded event is later,
   * as of that (`asOf` says which): the read model holds no earlier state.
   */
  async read(
    tenantId: string,
    at: number,
  ): Promise<Omit<ConsentSummaryView, 'answeredAtPosition'>> {
    const stored = await this.counts.read(this.store, tenantId, toIso(at));
    const policy = await this.policies.history(this.store, tenantId);
    const byKey = new Map(stored.counts.map((count) => [keyText(count), count.subjects]));
    const count = (columns: Parameters<typeof keyText>[0]) => byKey.get(keyText(columns)) ?? 0;
    const subject = (metric: 'registered' | 'active' | 'local-data-mode' | 'erased') =>
      count(columnsOf({ metric }));
    const registered = subject('registered');
    const asOf =
      stored.watermark !== undefined && toMillis(stored.watermark) > at
        ? stored.watermark
        : toIso(at);
    return {
      asOf,
      subjects: {
        registered,
        active: subject('active'),
        localDataMode: subject('local-data-mode'),
        erased: subject('erased'),
      },
      combinations: combinationsEverOffered(policy).map((combination) => {
        const permitted = (basis: 'grant' | 'opt-out-default' | 'mandatory') =>
          count(columnsOf({ metric: 'permitted', basis, ...combination }));
        const byBasis = {
          grant: permitted('grant'),
          optOutDefault: permitted('opt-out-default'),
          mandatory: permitted('mandatory'),
        };
        const total = byBasis.grant + byBasis.optOutDefault + byBasis.mandatory;
        return {
          ...combination,
          permitted: total,
          notPermitted: registered - total,
          permittedByBasis: byBasis,
        };
      }),
    };
  }
}
