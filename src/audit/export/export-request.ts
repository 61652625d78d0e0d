import type { EventStore, GlobalPosition } from '../../event-store/event-store.port';
import type { SqlExecutor } from '../../read-store/read-store.port';

/** What to export: one subject, or the events recorded in a time range. */
export type ExportSelection =
  | { readonly kind: 'subject'; readonly subjectId: string }
  /** Epoch ms of the transaction time; undefined: unbounded on that side. */
  | { readonly kind: 'recorded-between'; readonly from?: number; readonly to?: number };

export interface ExportRequest {
  readonly tenant: string;
  readonly selection: ExportSelection;
  /** Prove against the stored checkpoint of this size instead of the latest one. */
  readonly treeSize?: number;
}

export interface ExportLimits {
  /** More events than this is an `ExportTooLargeError` (HTTP); Infinity for the CLI. */
  readonly maxEvents: number;
  /** How long a subject export waits for the projections and for a checkpoint that holds it. */
  readonly waitMs: number;
  /** What to tell a caller who should come back later. */
  readonly retryAfterMs: number;
}

/** What the exporter reads: the log of events, and the read store (tree, checkpoints, windows). */
export interface ExportSources {
  readonly eventStore: Pick<EventStore, 'readStream' | 'readAll'>;
  readonly readStore: SqlExecutor;
  /** Each tenant log's origin is `<originHost>/<tenant>`. */
  readonly originHost: string;
  /** Resolves true once the named projections have applied `position`, false after `timeoutMs`. */
  readonly waitForProjections: (
    position: GlobalPosition,
    names: readonly string[],
    timeoutMs: number,
  ) => Promise<boolean>;
  readonly now?: () => Date;
}

export interface ExportSummary {
  readonly origin: string;
  readonly treeSize: number;
  readonly eventCount: number;
}
