/**
 * The commands benchmark's load generator, in its own process, talking to the service on
 * loopback only. It registers the subjects (not timed), then has `workers` loops each send
 * grant-consent commands (keep-alive, one in flight per loop) to their own subjects for a
 * bounded time, then waits until `/ready` says every projection has caught up with the log
 * (READY_MAX_LAG_EVENTS=0 on the service). Prints one JSON document on stdout.
 */
import { randomUUID } from 'node:crypto';
import { LoopbackClient } from '../support/http-client';
import { registerSubjects } from '../support/register-subjects';
import { timedLoop } from '../support/timed-loop';

export interface LoadInput {
  readonly port: number;
  readonly authorization?: string;
  readonly workers: number;
  readonly subjects: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly catchUpTimeoutSeconds: number;
}

export interface LoadOutput {
  readonly commands: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers other than 201, by status: a non-empty map means the figures are suspect. */
  readonly failures: Record<string, number>;
  readonly lastConsistencyToken: string | null;
  /** From the end of the load until `/ready` answered 200; null if it never did in time. */
  readonly catchUpSeconds: number | null;
}

/** Grants a `row` subject may give under the example policy every tenant starts with. */
const GRANTS = [
  { category: 'approximate-location', recipient: 'map-provider-row', purpose: 'map-display' },
  { category: 'device-info', recipient: 'first-party-row', purpose: 'diagnostics' },
];

async function waitUntilReady(client: LoopbackClient, timeoutSeconds: number) {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if ((await client.get('/ready')).status === 200) {
      return Number(process.hrtime.bigint() - started) / 1e9;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as LoadInput;
  const headers: Record<string, string> = input.authorization
    ? { authorization: input.authorization }
    : {};
  const client = new LoopbackClient(input.port, input.workers + 1, headers);
  const subjects = await registerSubjects(client, input.subjects, input.workers, 'bench');
  if ((await waitUntilReady(client, input.catchUpTimeoutSeconds)) === null) {
    throw new Error('the service did not become ready after registering the subjects');
  }

  const failures: Record<string, number> = {};
  const sent = new Array<number>(input.workers).fill(0);
  let lastToken: bigint | null = null;
  const grant = async (worker: number) => {
    const n = sent[worker]!++;
    // Worker w owns subjects w, w + workers, …: no two loops write to one subject at once.
    const subject = subjects[(worker + n * input.workers) % subjects.length]!;
    const answer = await client.post(`/v1/subjects/${subject}/grants`, GRANTS[n % GRANTS.length], {
      'idempotency-key': randomUUID(),
    });
    if (answer.status !== 201) {
      failures[answer.status] = (failures[answer.status] ?? 0) + 1;
      return;
    }
    const token = (JSON.parse(answer.body) as { consistencyToken: string | null }).consistencyToken;
    if (token !== null && (lastToken === null || BigInt(token) > lastToken))
      lastToken = BigInt(token);
  };
  const load = await timedLoop(input.workers, input.seconds, input.warmupSeconds, grant);
  const catchUpSeconds = await waitUntilReady(client, input.catchUpTimeoutSeconds);
  client.close();
  const output: LoadOutput = {
    commands: load.operations,
    seconds: load.seconds,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    failures,
    lastConsistencyToken: lastToken === null ? null : String(lastToken),
    catchUpSeconds,
  };
  process.stdout.write(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
