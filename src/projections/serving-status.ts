import type { GlobalPosition } from '../event-store/event-store.port';
import type { ProjectionRunState, ProjectionState } from './projection-runner';
import type { ProjectionStatus } from './projection-status';

/** Whether a store answered the last probe, and if not, why (never the driver's words). */
export interface StoreProbe {
  readonly kind: string;
  readonly up: boolean;
  /** Set when down: what failed, in words that name no host, user or query. */
  readonly reason?: string;
}

/** One projection's freshness: how far behind the feed it is, and what it is doing. */
export interface ProjectionFreshness extends ProjectionStatus {
  readonly state: ProjectionState;
}

/**
 * What the projector last measured, in the background, for `/ready` and the lag metrics:
 * whether both stores answer and how far each projection lags. Readers take this snapshot
 * instead of querying the stores themselves, so a probe costs nothing under load.
 */
export interface ServingStatus {
  readonly measuredAt: Date;
  readonly eventStore: StoreProbe;
  readonly readStore: StoreProbe;
  /** Head of the feed when measured; undefined when the event store did not answer. */
  readonly headPosition?: string;
  /**
   * Each projection's freshness as of `measuredAt`. When the event store did not answer,
   * the lags are those of the last measurement that succeeded (0 before any did).
   */
  readonly projections: readonly ProjectionFreshness[];
}

export interface ServingStatusSource {
  /** The latest background measurement; undefined until the first one has completed. */
  servingStatus(): ServingStatus | undefined;
}

/** Nest injection token for the `ServingStatusSource`. */
export const SERVING_STATUS = Symbol('ServingStatusSource');

/** What the projector knows of the feed without a query. */
interface FeedKnowledge {
  /** The newest position the feed subscription announced. */
  readonly head: GlobalPosition;
  /** Whether positions number the events without gaps, so that lag is a subtraction. */
  readonly densePositions: boolean;
  /** When the first event after a position was recorded (ms), if the subscription saw it. */
  readonly recordedAfter: (position: GlobalPosition) => number | undefined;
}

/**
 * `measured` brought up to `now` without a query: each projection's state and position as
 * the runners hold them now, against the newest head known (the measured one, or a later
 * one the feed subscription announced). Events are counted by subtraction where positions
 * are dense. The age of the oldest unapplied event comes from the subscription when it saw
 * that event; otherwise it errs on the stale side, by at most the time since the
 * measurement: for a projection still at or before its measured position the measured age
 * has grown since; for one past the measured head only events appended after the
 * measurement are left, none older than the measurement.
 */
export function servingStatusAsOf(
  measured: ServingStatus,
  live: readonly ProjectionRunState[],
  feed: FeedKnowledge,
  now: Date,
): ServingStatus {
  if (measured.headPosition === undefined) return measured;
  const measuredHead = BigInt(measured.headPosition);
  const head = feed.head > measuredHead ? feed.head : measuredHead;
  const densePositions = feed.densePositions;
  const since = Math.max(0, (now.getTime() - measured.measuredAt.getTime()) / 1000);
  const projections = live.map((state): ProjectionFreshness => {
    const before = measured.projections.find((p) => p.name === state.name);
    const halted = state.state === 'failed' || state.state === 'superseded';
    const { position } = state;
    let lagEvents: number;
    let lagSeconds: number;
    const oldest = position < head ? feed.recordedAfter(position) : undefined;
    if (position >= head) {
      lagEvents = 0;
      lagSeconds = 0;
    } else if (oldest !== undefined) {
      lagEvents = densePositions ? Number(head - position) : 1;
      lagSeconds = Math.max(0, (now.getTime() - oldest) / 1000);
    } else if (position >= measuredHead || before === undefined) {
      lagEvents = densePositions ? Number(head - position) : 1;
      lagSeconds = since;
    } else {
      lagEvents = densePositions ? Number(head - position) : before.lagEvents;
      lagSeconds = before.lagSeconds + since;
    }
    return {
      name: state.name,
      state: state.state,
      position: position.toString(),
      lagEvents,
      lagSeconds,
      caughtUp: lagEvents === 0 && !halted,
      halted,
    };
  });
  return { ...measured, headPosition: head.toString(), projections };
}
