import type { GlobalPosition } from '../../../../event-store/event-store.port';
import type { SqlExecutor } from '../../../../read-store/read-store.port';
import { FlowWindowRowsTable } from '../../../projections/flow-window-rows.table';
import { FLOW_WINDOWS } from '../../../projections/flow-windows.projection';
import type { FlowAttempt } from '../../flow-attempt';
import {
  FlowAttemptsTable,
  flowAttemptColumns,
  flowAttemptOf,
  positionText,
} from '../../flow-attempts.table';
import { FLOWS } from '../../flows.projection';

/** The key of a tenant's flow in report order. */
export interface FlowKey {
  readonly subjectId: string;
  readonly revision: number;
}

/**
 * The tenant's recorded flows that no window of their combination holds, as `flow_windows`
 * has them now: one query over both read models, in (subject, revision) order. A flow on
 * a standing basis is measured against the windows, which are where a standing basis
 * permitted it. A one-off sync is not (it is its own basis, an instant, not a window).
 *
 * Only flows whose events `flow_windows` has applied are compared (`upTo`, its position):
 * a flow it has not seen may rest on a grant it has not seen either.
 */
export class UnpermittedFlows {
  private readonly attempts = new FlowAttemptsTable(FLOWS).name;
  private readonly windows = new FlowWindowRowsTable(FLOW_WINDOWS).windows;

  constructor(private readonly store: SqlExecutor) {}

  /** Up to `limit` such flows after `after`. */
  async page(
    tenantId: string,
    upTo: GlobalPosition,
    after: FlowKey | undefined,
    limit: number,
  ): Promise<FlowAttempt[]> {
    const rows = await this.store.query(
      `SELECT ${flowAttemptColumns('f')} FROM ${this.attempts} f
       WHERE f.tenant_id = $1 AND f.outcome = 'recorded' AND f.basis <> 'one-off-sync'
         AND f.feed_position <= $2
         AND (f.subject_id > $3 OR (f.subject_id = $3 AND f.revision > $4))
         AND NOT EXISTS (
           SELECT 1 FROM ${this.windows} w
           WHERE w.tenant_id = f.tenant_id AND w.subject_id = f.subject_id
             AND w.category = f.category AND w.recipient = f.recipient
             AND w.purpose = f.purpose
             AND w.start_at <= f.occurred_at
             AND (w.end_at IS NULL OR f.occurred_at < w.end_at))
       ORDER BY f.subject_id, f.revision
       LIMIT $5`,
      [tenantId, positionText(upTo), after?.subjectId ?? '', after?.revision ?? -1, limit],
    );
    return rows.map(flowAttemptOf);
  }
}
