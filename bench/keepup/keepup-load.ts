/**
 * The keep-up benchmark's load generator, in its own process, talking to the service on
 * loopback only. It registers the subjects and waits until every projection has applied
 * them; then `workers` loops send a sustained mix of consent commands (grants, revocations,
 * syncs recorded and refused) as fast as the service accepts them, while a separate
 * connection reads `/ready` every `sampleMs` (its status, answer time and each projection's
 * lag) and `/metrics` at the start and end of the measured window. After the load it waits
 * until every projection has applied every event. Prints one JSON document on stdout.
 */
import { randomUUID } from 'node:crypto';
import { LoopbackClient, type HttpAnswer } from '../support/http-client';
import { registerSubjects } from '../support/register-subjects';
import { LatencySample } from '../support/stats';
import { timedLoop } from '../support/timed-loop';
import { readProjectionCounters, type ProjectionCounters } from './projection-counters';
import { freshnessOf } from './ready-freshness';

export interface KeepupLoadInput {
  readonly port: number;
  readonly authorization?: string;
  readonly workers: number;
  readonly subjects: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly sampleMs: number;
  readonly catchUpTimeoutSeconds: number;
}

export interface ProjectionFigures {
  readonly name: string;
  /** Events committed per second of the window. */
  readonly appliedPerSecond: number;
  /**
   * Events committed over events appended in the same window: 1 when the lag ends where it
   * began, below 1 when it grew (the projection falls behind), above when it shrank.
   */
  readonly keepUpRatio: number | null;
  /** Events committed per second spent in batches (reading, applying, committing). */
  readonly appliedPerBusySecond: number | null;
  /** Seconds spent in batches per second of the window. */
  readonly busyFraction: number;
  readonly batches: number;
  readonly maxLagEvents: number;
  readonly maxLagSeconds: number;
  readonly lagEventsAtEnd: number;
  /** From the end of the load until this projection had applied every event; null: not in time. */
  readonly secondsToHead: number | null;
}

export interface KeepupLoadOutput {
  readonly commands: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers other than 201, by status. */
  readonly failures: Record<string, number>;
  /** Events appended to the feed during the window, per second (from the head position). */
  readonly appendedPerSecond: number;
  readonly projections: readonly ProjectionFigures[];
  /** `/ready` answers during the window, and how many were not 200. */
  readonly readyProbes: number;
  readonly readyNot200: number;
  readonly readyP50Ms: number;
  readonly readyP99Ms: number;
  /** From the end of the load until every projection had applied every event; null: not in time. */
  readonly catchUpSeconds: number | null;
}

const MAP = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};
const DEVICE = { category: 'device-info', recipient: 'first-party-row', purpose: 'diagnostics' };

/**
 * What each subject goes through, in order and over again: every command records one event,
 * and the syncs after a revocation are refused (a refusal is recorded too).
 */
const CYCLE: readonly { readonly path: string; readonly body: () => object }[] = [
  { path: 'grants', body: () => MAP },
  { path: 'grants', body: () => DEVICE },
  { path: 'syncs', body: () => sync(MAP, 'approximate') },
  { path: 'syncs', body: () => sync(DEVICE, 'precise') },
  { path: 'revocations', body: () => MAP },
  { path: 'syncs', body: () => sync(MAP, 'approximate') },
  { path: 'revocations', body: () => DEVICE },
  { path: 'syncs', body: () => sync(DEVICE, 'precise') },
];

function sync(combination: object, precision: string): object {
  return { ...combination, precision, userInitiated: false, syncId: randomUUID() };
}

/**
 * Waits until `/ready` shows every projection at the head: the seconds that took, null if
 * not in time, and when each projection first got there.
 */
async function waitUntilCaughtUp(probe: LoopbackClient, timeoutSeconds: number) {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const deadline = Date.now() + timeoutSeconds * 1000;
  const atHead = new Map<string, number>();
  while (Date.now() < deadline) {
    const freshness = freshnessOf(await probe.get('/ready'));
    for (const p of freshness?.projections ?? []) {
      if (p.lagEvents === 0 && !atHead.has(p.name)) atHead.set(p.name, +elapsed().toFixed(3));
    }
    if (freshness && freshness.projections.every((p) => p.lagEvents === 0)) {
      return { seconds: elapsed(), atHead };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { seconds: null, atHead };
}

/** Reads `/ready` every `sampleMs` until stopped: answer times, statuses, lags. */
function sampleReadiness(probe: LoopbackClient, sampleMs: number) {
  const latencies = new LatencySample();
  const maxLag = new Map<string, { events: number; seconds: number }>();
  let notOk = 0;
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const t0 = process.hrtime.bigint();
      const answer: HttpAnswer = await probe.get('/ready');
      latencies.add(Number(process.hrtime.bigint() - t0) / 1e6);
      if (answer.status !== 200) notOk += 1;
      const freshness = freshnessOf(answer);
      if (freshness) {
        for (const p of freshness.projections) {
          const max = maxLag.get(p.name) ?? { events: 0, seconds: 0 };
          maxLag.set(p.name, {
            events: Math.max(max.events, p.lagEvents),
            seconds: Math.max(max.seconds, p.lagSeconds),
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, sampleMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return { latencies, maxLag, notOk };
    },
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as KeepupLoadInput;
  const headers: Record<string, string> = input.authorization
    ? { authorization: input.authorization }
    : {};
  const client = new LoopbackClient(input.port, input.workers + 1, headers);
  // Probes get their own connection, so they never queue behind the load's requests.
  const probe = new LoopbackClient(input.port, 1, {});
  const subjects = await registerSubjects(client, input.subjects, input.workers, 'keepup');
  if ((await waitUntilCaughtUp(probe, input.catchUpTimeoutSeconds)).seconds === null) {
    throw new Error('the projections did not catch up after registering the subjects');
  }

  const failures: Record<string, number> = {};
  const sent = new Array<number>(input.workers).fill(0);
  const perWorker = Math.max(1, Math.floor(subjects.length / input.workers));
  const command = async (worker: number) => {
    const n = sent[worker]!++;
    // Worker w owns subjects w, w + workers, …: no two loops write to one subject at once;
    // each of its subjects goes through the cycle in order.
    const subject = subjects[(worker + (n % perWorker) * input.workers) % subjects.length]!;
    const step = CYCLE[Math.floor(n / perWorker) % CYCLE.length]!;
    const answer = await client.post(`/v1/subjects/${subject}/${step.path}`, step.body(), {
      'idempotency-key': randomUUID(),
    });
    if (answer.status !== 201) failures[answer.status] = (failures[answer.status] ?? 0) + 1;
  };

  const sampler = sampleReadiness(probe, input.sampleMs);
  let start: { counters: ProjectionCounters; head: bigint; at: bigint } | undefined;
  const markStart = setTimeout(() => {
    void (async () => {
      const at = process.hrtime.bigint();
      const counters = readProjectionCounters((await probe.get('/metrics')).body);
      const head = freshnessOf(await probe.get('/ready'))?.headPosition ?? '0';
      start = { counters, head: BigInt(head), at };
    })();
  }, input.warmupSeconds * 1000);
  const load = await timedLoop(input.workers, input.seconds, input.warmupSeconds, command);
  clearTimeout(markStart);
  const endAt = process.hrtime.bigint();
  const endCounters = readProjectionCounters((await probe.get('/metrics')).body);
  const endFreshness = freshnessOf(await probe.get('/ready'));
  const sampled = await sampler.stop();
  const catchUp = await waitUntilCaughtUp(probe, input.catchUpTimeoutSeconds);
  client.close();
  probe.close();
  if (!start || !endFreshness) throw new Error('the window was not measured');

  const window = Number(endAt - start.at) / 1e9;
  const appended = Number(BigInt(endFreshness.headPosition ?? '0') - start.head);
  const projections = [...endCounters.keys()].sort().map((name): ProjectionFigures => {
    const before = start!.counters.get(name);
    const after = endCounters.get(name)!;
    const applied = after.applied - (before?.applied ?? 0);
    const busy = after.batchSeconds - (before?.batchSeconds ?? 0);
    const lag = sampled.maxLag.get(name) ?? { events: 0, seconds: 0 };
    return {
      name,
      appliedPerSecond: Math.round(applied / window),
      keepUpRatio: appended > 0 ? +(applied / appended).toFixed(3) : null,
      appliedPerBusySecond: busy > 0 ? Math.round(applied / busy) : null,
      busyFraction: +(busy / window).toFixed(3),
      batches: after.batches - (before?.batches ?? 0),
      maxLagEvents: lag.events,
      maxLagSeconds: +lag.seconds.toFixed(3),
      lagEventsAtEnd: endFreshness.projections.find((p) => p.name === name)?.lagEvents ?? 0,
      secondsToHead: catchUp.atHead.get(name) ?? null,
    };
  });
  const output: KeepupLoadOutput = {
    commands: load.operations,
    seconds: load.seconds,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    failures,
    appendedPerSecond: Math.round(appended / window),
    projections,
    readyProbes: sampled.latencies.count,
    readyNot200: sampled.notOk,
    readyP50Ms: +sampled.latencies.percentile(50).toFixed(3),
    readyP99Ms: +sampled.latencies.percentile(99).toFixed(3),
    catchUpSeconds: catchUp.seconds,
  };
  process.stdout.write(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
