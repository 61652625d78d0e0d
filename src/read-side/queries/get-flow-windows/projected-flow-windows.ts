import { combinationsEverOffered } from '../../../consent/domain';
import type { SqlExecutor } from '../../../read-store/read-store.port';
import { matchesCombination, type FlowWindowFilter } from '../../projections/flow-window-filter';
import type { CombinationRecord } from '../../replay/flow-window-records';
import { FlowWindowRowsTable, combinationKey } from '../../projections/flow-window-rows.table';
import { FLOW_WINDOWS } from '../../projections/flow-windows.projection';
import { PolicyVersionsTable } from '../../projections/policy-versions.table';
import { SubjectFactsTable } from '../../projections/subject-facts.table';

/** A subject's flow windows as the `flow_windows` projection holds them. */
export class ProjectedFlowWindows {
  private readonly facts = new SubjectFactsTable(FLOW_WINDOWS);
  private readonly policies = new PolicyVersionsTable(FLOW_WINDOWS);
  private readonly rows = new FlowWindowRowsTable(FLOW_WINDOWS);

  constructor(private readonly store: SqlExecutor) {}

  /** Every offered combination matching the filter, in order; undefined for an unknown subject. */
  async read(
    tenantId: string,
    subjectId: string,
    filter: FlowWindowFilter,
  ): Promise<CombinationRecord[] | undefined> {
    if (!(await this.facts.has(this.store, tenantId, subjectId))) return undefined;
    const policy = await this.policies.history(this.store, tenantId);
    const stored = await this.rows.read(this.store, tenantId, subjectId, filter);
    return combinationsEverOffered(policy)
      .filter((combination) => matchesCombination(filter, combination))
      .map((combination) => ({
        ...combination,
        ...(stored.get(combinationKey(combination)) ?? { windows: [], oneOffFlows: [] }),
      }));
  }
}
