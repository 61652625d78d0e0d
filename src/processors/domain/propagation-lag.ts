import type { IsoInstant } from '../../shared/time/instant';

/** An acknowledgement as the ledger holds it: every change up to `position`, by `acknowledgedAt`. */
export interface Acknowledged {
  readonly position: number;
  readonly acknowledgedAt: IsoInstant;
}

/** Lag figures over acknowledged closing changes, in seconds; null without any. */
export interface LagSummary {
  readonly count: number;
  readonly p50Seconds: number | null;
  readonly p99Seconds: number | null;
  readonly maxSeconds: number | null;
}

/**
 * When the change at `position` was acknowledged: by the first acknowledgement reaching it.
 * `acknowledgements` in position order (the decider records only forward moves).
 */
export function acknowledgedAtOf(
  position: number,
  acknowledgements: readonly Acknowledged[],
): IsoInstant | undefined {
  return acknowledgements.find((a) => a.position >= position)?.acknowledgedAt;
}

/**
 * From the window's close to the acknowledgement, in seconds. An acknowledgement before the
 * close (a change announced ahead of its valid time) counts as no lag.
 */
export function lagSeconds(closedAt: IsoInstant, acknowledgedAt: IsoInstant): number {
  return Math.max(0, Date.parse(acknowledgedAt) - Date.parse(closedAt)) / 1000;
}

/** p50, p99 (nearest rank: the smallest value at least that share of lags is at or below) and max. */
export function summarizeLags(lags: readonly number[]): LagSummary {
  if (lags.length === 0) return { count: 0, p50Seconds: null, p99Seconds: null, maxSeconds: null };
  const sorted = [...lags].sort((a, b) => a - b);
  const rank = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
  return {
    count: sorted.length,
    p50Seconds: rank(0.5),
    p99Seconds: rank(0.99),
    maxSeconds: sorted[sorted.length - 1]!,
  };
}
