import type { ServingStatus } from '../projections';

/** What `/ready` holds projections to (docs/adr/0023). */
export interface ReadinessThresholds {
  /** Age of a projection's oldest unapplied event above which the replica is not ready. */
  readonly maxLagSeconds: number;
  /** When set, events a projection may lag at most. */
  readonly maxLagEvents?: number;
  /** A measurement older than this means a store probe is stuck: the stores count as down. */
  readonly staleAfterMs: number;
}

/** One check of `/ready`: up or down, with what it shows either way. */
export interface ReadinessCheck {
  readonly up: boolean;
  readonly details: Readonly<Record<string, unknown>>;
}

interface Readiness {
  readonly eventStore: ReadinessCheck;
  readonly readStore: ReadinessCheck;
  readonly projections: ReadinessCheck;
}

/**
 * Whether the replica can serve, from the projector's latest measurement: both stores
 * answer, no projection is halted (failed, or superseded by a newer version), and none is
 * staler than the thresholds. Each projection's freshness (state, position, lag in events
 * and seconds) is shown whatever the outcome, so an operator sees how close to the limit a
 * ready replica is. Pure: no store is asked anything here.
 */
export function assessReadiness(
  status: ServingStatus | undefined,
  thresholds: ReadinessThresholds,
  now: Date,
): Readiness {
  if (status === undefined) {
    const notYet = {
      up: false,
      details: { message: 'not measured: the projector is not running (starting or stopping)' },
    };
    return { eventStore: notYet, readStore: notYet, projections: notYet };
  }
  const ageMs = now.getTime() - status.measuredAt.getTime();
  const stale =
    ageMs > thresholds.staleAfterMs
      ? `not measured for ${Math.round(ageMs / 1000)} s: a probe of the stores is stuck`
      : undefined;
  const store = (probe: ServingStatus['eventStore'], extra: Record<string, unknown> = {}) =>
    probe.up && !stale
      ? { up: true, details: { kind: probe.kind, ...extra } }
      : { up: false, details: { kind: probe.kind, message: stale ?? probe.reason } };
  return {
    eventStore: store(
      status.eventStore,
      status.headPosition === undefined ? {} : { headPosition: status.headPosition },
    ),
    readStore: store(status.readStore),
    projections: assessProjections(status, thresholds),
  };
}

function assessProjections(status: ServingStatus, thresholds: ReadinessThresholds): ReadinessCheck {
  const { maxLagSeconds, maxLagEvents } = thresholds;
  const limits = { maxLagSeconds, ...(maxLagEvents === undefined ? {} : { maxLagEvents }) };
  const freshness = status.projections.map((p) => ({
    name: p.name,
    state: p.state,
    position: p.position,
    lagEvents: p.lagEvents,
    lagSeconds: round(p.lagSeconds),
  }));
  const shown = { projections: freshness.length, ...limits, freshness };
  const halted = status.projections.filter((p) => p.halted).map(({ name }) => name);
  if (halted.length > 0) {
    return {
      up: false,
      details: {
        message: `${halted.length} projection(s) halted: ${halted.join(', ')}`,
        halted,
        ...shown,
      },
    };
  }
  const lagging = freshness
    .filter(
      (p) =>
        p.lagSeconds > maxLagSeconds || (maxLagEvents !== undefined && p.lagEvents > maxLagEvents),
    )
    .map(({ name, lagEvents, lagSeconds }) => ({ name, lagEvents, lagSeconds }));
  if (lagging.length > 0) {
    const bound =
      maxLagEvents === undefined
        ? `${maxLagSeconds} s`
        : `${maxLagSeconds} s or ${maxLagEvents} events`;
    return {
      up: false,
      details: {
        message: `${lagging.length} projection(s) more than ${bound} behind`,
        lagging,
        ...shown,
      },
    };
  }
  return { up: true, details: shown };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
