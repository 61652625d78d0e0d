/**
 * The feed benchmark's load, in its own process, talking to the service on loopback only:
 * `consumers` Server-Sent Events streams follow `GET /v1/feed` from the head, while `workers`
 * loops grant and revoke one combination of their own subjects (each command one change).
 * Every change a consumer receives names the global position of the event that caused it;
 * the command that appended that event answered with it as its consistency token, so the lag
 * of a change at a consumer is its arrival minus that command's answer. Prints JSON.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { LoopbackClient } from '../support/http-client';
import { registerSubjects } from '../support/register-subjects';
import { LatencySample } from '../support/stats';

export interface FeedLoadInput {
  readonly port: number;
  readonly authorization?: string;
  readonly consumers: number;
  readonly workers: number;
  readonly seconds: number;
  readonly catchUpTimeoutSeconds: number;
}

export interface FeedLoadOutput {
  readonly consumers: number;
  readonly commands: number;
  readonly commandsPerSecond: number;
  /** Changes received, summed over consumers. */
  readonly delivered: number;
  /** `delivered` over the time from the first command to the last arrival. */
  readonly deliveredPerSecond: number;
  /** Every consumer received every change. */
  readonly complete: boolean;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly failures: Record<string, number>;
}

const MAP_LOCATION = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** One stream: arrival time of each change, by the global position of its cause. */
class Consumer {
  readonly arrivals = new Map<string, number>();
  received = 0;
  lastArrival = 0;
  private buffer = '';
  private close: (() => void) | undefined;

  open(port: number, headers: Record<string, string>, after: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: `/v1/feed?after=${after}`, headers },
        (response) => {
          if (response.statusCode !== 200)
            reject(new Error(`stream answered ${response.statusCode}`));
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => this.receive(chunk));
          response.on('error', () => undefined);
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
      this.close = () => req.destroy();
    });
  }

  stop(): void {
    this.close?.();
  }

  private receive(chunk: string): void {
    const at = now();
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(frame);
      if (!frame.includes('event: change') || !data) continue;
      const change = JSON.parse(data[1]!) as { causePosition: string };
      this.received += 1;
      this.lastArrival = at;
      if (!this.arrivals.has(change.causePosition)) this.arrivals.set(change.causePosition, at);
    }
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as FeedLoadInput;
  const headers: Record<string, string> = input.authorization
    ? { authorization: input.authorization }
    : {};
  const client = new LoopbackClient(input.port, input.workers + 1, headers);
  const subjects = await registerSubjects(client, input.workers, input.workers, 'feed-bench');
  // Follow from the head once the registrations' changes are in.
  let head = 0;
  for (let tries = 0; tries < 100; tries++) {
    const page = JSON.parse((await client.get('/v1/feed/changes?limit=1')).body) as {
      head: number;
    };
    head = page.head;
    if (head >= subjects.length * 3) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const consumers = Array.from({ length: input.consumers }, () => new Consumer());
  await Promise.all(consumers.map((c) => c.open(input.port, headers, head)));

  const answered = new Map<string, number>();
  const failures: Record<string, number> = {};
  let stop = false;
  const started = now();
  const loop = async (worker: number) => {
    const subjectId = subjects[worker]!;
    let granted = false;
    while (!stop) {
      const kind = granted ? 'revocations' : 'grants';
      const answer = await client.post(`/v1/subjects/${subjectId}/${kind}`, MAP_LOCATION, {
        'idempotency-key': randomUUID(),
      });
      if (answer.status !== 201) {
        failures[answer.status] = (failures[answer.status] ?? 0) + 1;
        continue;
      }
      answered.set(
        (JSON.parse(answer.body) as { consistencyToken: string }).consistencyToken,
        now(),
      );
      granted = !granted;
    }
  };
  const running = Array.from({ length: input.workers }, (_, i) => loop(i));
  await new Promise((resolve) => setTimeout(resolve, input.seconds * 1000));
  stop = true;
  await Promise.all(running);
  const commandSeconds = (now() - started) / 1000;

  // Until every consumer has every change, or the time is up.
  const deadline = Date.now() + input.catchUpTimeoutSeconds * 1000;
  const complete = () => consumers.every((c) => c.arrivals.size >= answered.size);
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

  const lags = new LatencySample();
  let last = 0;
  for (const consumer of consumers) {
    last = Math.max(last, consumer.lastArrival);
    for (const [cause, at] of consumer.arrivals) {
      const answer = answered.get(cause);
      if (answer !== undefined) lags.add(Math.max(0, at - answer));
    }
    consumer.stop();
  }
  client.close();
  const delivered = consumers.reduce((sum, c) => sum + c.received, 0);
  const output: FeedLoadOutput = {
    consumers: input.consumers,
    commands: answered.size,
    commandsPerSecond: Math.round(answered.size / commandSeconds),
    delivered,
    deliveredPerSecond: Math.round(delivered / ((last - started) / 1000)),
    complete: complete(),
    lagP50Ms: Number(lags.percentile(50).toFixed(1)),
    lagP99Ms: Number(lags.percentile(99).toFixed(1)),
    failures,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
