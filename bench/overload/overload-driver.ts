/**
 * Drives a running service past its capacity and measures what an operator cares about: is
 * the excess turned away quickly (503/429 with Retry-After), do the probes still answer, does
 * memory stay put, and is the full rate back soon after. Reusable from any script: give it a
 * base URL, a rate and a duration (`runOverload`); `findKnee` finds the rate to start from.
 *
 *   const subjects = await registerSubjects(baseUrl, authorization, 1024);
 *   const knee = await findKnee({ baseUrl, requests: commandMix(subjects, authorization) });
 *   const figures = await runOverload({
 *     baseUrl, probeBaseUrl, authorization, subjects,
 *     rate: 3 * knee.rate, durationSeconds: 60, recoveryRate: knee.rate,
 *   });
 *
 * Loopback only; the service should run with a high RATE_LIMIT_REQUESTS unless the 429s of
 * one credential over its budget are what is being measured.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { commandMix, registerSubjects, waitUntilReady } from './command-mix';
import { MetricsSampler, type MetricsSample } from './metrics-sampler';
import { OpenLoop, type Outcome, type RequestSpec } from './open-loop';
import {
  latencyFigures,
  type LatencyFigures,
  type ProbeFigures,
  round,
  statusKey,
} from './outcome-figures';
import { runProbes } from './probe-loop';

export interface PhaseFigures {
  readonly offeredPerSecond: number;
  readonly seconds: number;
  readonly sent: number;
  /** 2xx answers. */
  readonly ok: number;
  readonly okPerSecond: number;
  /** 503 with Retry-After: shed by the service. */
  readonly shed503: number;
  /** 429 with Retry-After: a credential over its rate limit. */
  readonly shed429: number;
  /** Every other outcome by status, plus `timeout` and `connection-failed`. */
  readonly other: Readonly<Record<string, number>>;
  readonly okLatency: LatencyFigures;
  /** Latency of the 503 and 429 answers. */
  readonly shedLatency: LatencyFigures;
  /** How late the load generator sent its requests: if large, it and not the service lagged. */
  readonly sendLag: LatencyFigures;
}

export interface OverloadFigures {
  readonly overload: PhaseFigures;
  readonly recovery: PhaseFigures & {
    /** From the end of the overload until every later half second had ≥ 95% 2xx; null: never. */
    readonly secondsToFullRate: number | null;
  };
  /**
   * Probes sent throughout both phases, open loop, from their own process, a connection
   * each: on the probe port when there is one, else on the main port.
   */
  readonly health: ProbeFigures;
  readonly ready: ProbeFigures;
  /** With a probe port: /health on the main port too, for comparison. */
  readonly mainPortHealth?: ProbeFigures;
  /** The service's resident memory (from /metrics) in MiB. */
  readonly rssMiB: {
    readonly before: number;
    readonly firstQuarterMax: number;
    readonly lastQuarterMax: number;
    readonly maxDuringOverload: number;
    readonly afterRecovery: number;
  };
  /** Most requests seen in flight and waiting at once, per route class (sampled each second). */
  readonly peakInFlight: Readonly<Record<string, number>>;
  readonly peakQueued: Readonly<Record<string, number>>;
  /** The lowest concurrency limit seen per route class: how far the adaptive limits went down. */
  readonly lowestLimit: Readonly<Record<string, number>>;
}

export interface OverloadOptions {
  /** `http://127.0.0.1:<port>`: loopback only. */
  readonly baseUrl: string;
  /** Requests per second offered during the overload. */
  readonly rate: number;
  readonly durationSeconds: number;
  /** `Bearer <key>` of a key with the `app` role; none for a service without access control. */
  readonly authorization?: string;
  /** Where the probes go: the service's PROBE_PORT. Default: `baseUrl`. */
  readonly probeBaseUrl?: string;
  /** `Bearer <METRICS_TOKEN>` when /metrics is protected. */
  readonly metricsAuthorization?: string;
  /** The rate after the overload: the knee. Default: a third of `rate`. */
  readonly recoveryRate?: number;
  readonly recoverySeconds?: number;
  /** Subjects to write to; `subjectCount` fresh ones are registered when absent. */
  readonly subjects?: readonly string[];
  readonly subjectCount?: number;
  /** Default: the command mix of `commandMix`. */
  readonly requests?: () => RequestSpec;
  /** Most connections the load opens (default 512). */
  readonly maxConnections?: number;
  /** A request still unanswered after this long counts as timed out (default 10 s). */
  readonly requestTimeoutMs?: number;
}

const DEFAULT_SUBJECTS = 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Connections the load may open, as a fleet of clients or a proxy's pool would: the service
 * accepts one new connection per turn of its event loop, so a client that opens connections
 * without bound measures mostly the kernel's accept queue (ADR 0024).
 */
const DEFAULT_MAX_CONNECTIONS = 512;
const RECOVERY_BUCKET_MS = 500;
const SETTLE_TIMEOUT_MS = 30_000;
/** More often than an orchestrator probes (every few seconds), for enough samples. */
const HEALTH_PER_SECOND = 4;
const READY_PER_SECOND = 2;
const RECOVERED_OK_RATIO = 0.95;

/** Runs `rate` for `durationSeconds`, then the recovery rate, and returns the figures. */
export async function runOverload(options: OverloadOptions): Promise<OverloadFigures> {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const recoveryRate = options.recoveryRate ?? options.rate / 3;
  const recoverySeconds = options.recoverySeconds ?? 10;
  const requests = options.requests ?? (await defaultMix(options));
  const load = new OpenLoop(
    options.baseUrl,
    options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    timeoutMs,
  );
  const sampler = new MetricsSampler(options.baseUrl, options.metricsAuthorization);
  try {
    await load.warm(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, '/health');
    const before = await sampler.sample();
    sampler.start(1000);
    const totalSeconds = options.durationSeconds + recoverySeconds;
    const probeBase = options.probeBaseUrl ?? options.baseUrl;
    const probes = runProbes(
      [
        { label: 'health', url: `${probeBase}/health`, perSecond: HEALTH_PER_SECOND },
        { label: 'ready', url: `${probeBase}/ready`, perSecond: READY_PER_SECOND },
        ...(probeBase === options.baseUrl
          ? []
          : [
              {
                label: 'mainPortHealth',
                url: `${options.baseUrl}/health`,
                perSecond: HEALTH_PER_SECOND,
              },
            ]),
      ],
      totalSeconds,
      timeoutMs,
    );
    // Awaited below; this only keeps a failure of the load from leaving it unhandled.
    probes.catch(() => undefined);

    const overload = await runPhase(load, options.rate, options.durationSeconds, requests);
    const duringOverload = sampler.stop();
    sampler.start(1000);
    const recovery = await runPhase(load, recoveryRate, recoverySeconds, requests);
    sampler.stop();
    const after = await sampler.sample();
    const { health, ready, mainPortHealth } = await probes;

    return {
      overload: overload.figures,
      recovery: {
        ...recovery.figures,
        secondsToFullRate: secondsToFullRate(recovery.outcomes, recoverySeconds),
      },
      health: health!,
      ready: ready!,
      ...(mainPortHealth ? { mainPortHealth } : {}),
      rssMiB: rssFigures(before, duringOverload, after),
      peakInFlight: peaks(duringOverload, 'inFlight'),
      peakQueued: peaks(duringOverload, 'queued'),
      lowestLimit: lowest(duringOverload, 'limit'),
    };
  } finally {
    sampler.stop();
    load.close();
  }
}

export interface KneeStep {
  readonly rate: number;
  readonly okRatio: number;
  readonly okPerSecond: number;
  readonly okP99Ms: number;
  readonly sendLagP99Ms: number;
  /** After the step, until /ready answered 200 (projections caught up); null: not in 30 s. */
  readonly catchUpSeconds: number | null;
  readonly passed: boolean;
}

export interface KneeOptions {
  readonly baseUrl: string;
  readonly requests: () => RequestSpec;
  readonly startRate?: number;
  /** Each step offers this much more than the last. */
  readonly factor?: number;
  readonly stepSeconds?: number;
  readonly maxRate?: number;
  /** A step passes with at least this share of 2xx answers... */
  readonly minOkRatio?: number;
  /** ...and a 2xx p99 of at most this. */
  readonly maxOkP99Ms?: number;
}

/**
 * The sustainable rate: raises an open-loop rate step by step until a step fails (too few
 * 2xx, or 2xx too slow); a failing step is tried once more before the search stops, so one
 * noisy step on a shared machine does not end it early. The knee is the last passing rate.
 */
export async function findKnee(
  options: KneeOptions,
): Promise<{ readonly rate: number; readonly steps: KneeStep[] }> {
  const factor = options.factor ?? 1.2;
  const stepSeconds = options.stepSeconds ?? 3;
  const minOkRatio = options.minOkRatio ?? 0.99;
  const maxOkP99Ms = options.maxOkP99Ms ?? 500;
  const load = new OpenLoop(options.baseUrl, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT_MS);
  const steps: KneeStep[] = [];
  let knee = 0;
  try {
    for (
      let rate = options.startRate ?? 100;
      rate <= (options.maxRate ?? 50_000);
      rate = Math.round(rate * factor)
    ) {
      const tryRate = async () => {
        const step = await kneeStep(
          options.baseUrl,
          load,
          rate,
          stepSeconds,
          options.requests,
          minOkRatio,
          maxOkP99Ms,
        );
        steps.push(step);
        return step.passed;
      };
      // A failed step is tried once more before the search stops: one noisy second on a
      // shared machine should not set the knee.
      if (!(await tryRate()) && !(await tryRate())) break;
      knee = rate;
    }
  } finally {
    load.close();
  }
  return { rate: knee, steps };
}

async function kneeStep(
  baseUrl: string,
  load: OpenLoop,
  rate: number,
  seconds: number,
  requests: () => RequestSpec,
  minOkRatio: number,
  maxOkP99Ms: number,
): Promise<KneeStep> {
  const { figures } = await runPhase(load, rate, seconds, requests);
  // The next step starts from rest: queues drained, projections caught up.
  const settled = performance.now();
  const caughtUp = await waitUntilReady(baseUrl, SETTLE_TIMEOUT_MS).then(
    () => true,
    () => false,
  );
  await sleep(500);
  const okRatio = figures.sent === 0 ? 0 : figures.ok / figures.sent;
  return {
    rate,
    okRatio: round(okRatio, 4),
    okPerSecond: figures.okPerSecond,
    okP99Ms: figures.okLatency.p99Ms,
    sendLagP99Ms: figures.sendLag.p99Ms,
    catchUpSeconds: caughtUp ? round((performance.now() - settled) / 1000 - 0.5, 2) : null,
    passed: okRatio >= minOkRatio && figures.okLatency.p99Ms <= maxOkP99Ms,
  };
}

async function defaultMix(options: OverloadOptions): Promise<() => RequestSpec> {
  const subjects =
    options.subjects ??
    (await registerSubjects(
      options.baseUrl,
      options.authorization,
      options.subjectCount ?? DEFAULT_SUBJECTS,
    ));
  return commandMix(subjects, options.authorization);
}

async function runPhase(
  load: OpenLoop,
  rate: number,
  seconds: number,
  requests: () => RequestSpec,
): Promise<{ figures: PhaseFigures; outcomes: Outcome[] }> {
  const outcomes = await load.run(rate, seconds, requests);
  return { figures: phaseFigures(rate, seconds, outcomes), outcomes };
}

export function phaseFigures(
  rate: number,
  seconds: number,
  outcomes: readonly Outcome[],
): PhaseFigures {
  const ok: number[] = [];
  const shed: number[] = [];
  const sendLag: number[] = [];
  const other: Record<string, number> = {};
  let shed503 = 0;
  let shed429 = 0;
  for (const outcome of outcomes) {
    sendLag.push(outcome.sendLagMs);
    if (outcome.status >= 200 && outcome.status < 300) ok.push(outcome.latencyMs);
    else if (outcome.status === 503 && outcome.retryAfter) {
      shed503 += 1;
      shed.push(outcome.latencyMs);
    } else if (outcome.status === 429 && outcome.retryAfter) {
      shed429 += 1;
      shed.push(outcome.latencyMs);
    } else {
      const key = statusKey(outcome.status);
      other[key] = (other[key] ?? 0) + 1;
    }
  }
  return {
    offeredPerSecond: Math.round(rate),
    seconds,
    sent: outcomes.length,
    ok: ok.length,
    okPerSecond: Math.round(ok.length / seconds),
    shed503,
    shed429,
    other,
    okLatency: latencyFigures(ok),
    shedLatency: latencyFigures(shed),
    sendLag: latencyFigures(sendLag),
  };
}

/**
 * Half-second buckets of the recovery phase by when requests were due: recovered from the
 * first bucket after which none fell below 95% 2xx.
 */
function secondsToFullRate(outcomes: readonly Outcome[], seconds: number): number | null {
  const buckets = Math.ceil((seconds * 1000) / RECOVERY_BUCKET_MS);
  const sent = new Array<number>(buckets).fill(0);
  const ok = new Array<number>(buckets).fill(0);
  for (const outcome of outcomes) {
    const bucket = Math.min(buckets - 1, Math.floor(outcome.dueMs / RECOVERY_BUCKET_MS));
    sent[bucket]! += 1;
    if (outcome.status >= 200 && outcome.status < 300) ok[bucket]! += 1;
  }
  let recoveredFrom: number | null = null;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const healthy = sent[bucket] === 0 || ok[bucket]! / sent[bucket]! >= RECOVERED_OK_RATIO;
    if (!healthy) recoveredFrom = null;
    else if (recoveredFrom === null) recoveredFrom = bucket;
  }
  return recoveredFrom === null ? null : (recoveredFrom * RECOVERY_BUCKET_MS) / 1000;
}

function rssFigures(
  before: MetricsSample,
  during: readonly MetricsSample[],
  after: MetricsSample,
): OverloadFigures['rssMiB'] {
  const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);
  const quarter = Math.max(1, Math.floor(during.length / 4));
  const max = (samples: readonly MetricsSample[]) =>
    mib(Math.max(0, ...samples.map((s) => s.rssBytes)));
  return {
    before: mib(before.rssBytes),
    firstQuarterMax: max(during.slice(0, quarter)),
    lastQuarterMax: max(during.slice(-quarter)),
    maxDuringOverload: max(during),
    afterRecovery: mib(after.rssBytes),
  };
}

function lowest(samples: readonly MetricsSample[], field: 'limit'): Record<string, number> {
  const result: Record<string, number> = {};
  for (const sample of samples) {
    for (const [routeClass, value] of Object.entries(sample[field])) {
      result[routeClass] = Math.min(result[routeClass] ?? Number.POSITIVE_INFINITY, value);
    }
  }
  return result;
}

function peaks(
  samples: readonly MetricsSample[],
  field: 'inFlight' | 'queued',
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const sample of samples) {
    for (const [routeClass, value] of Object.entries(sample[field])) {
      result[routeClass] = Math.max(result[routeClass] ?? 0, value);
    }
  }
  return result;
}
