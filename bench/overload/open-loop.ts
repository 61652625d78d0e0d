import { Agent, request } from 'node:http';

/** One request the load sends. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** JSON, already serialised. */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Status 0: the connection failed; -1: no answer within the request timeout. */
export const CONNECTION_FAILED = 0;
export const TIMED_OUT = -1;

/** What became of one request; times in ms from the start of its phase. */
export interface Outcome {
  /** When it was due: latency counts from here, so a stalled client cannot hide a slow server. */
  readonly dueMs: number;
  readonly latencyMs: number;
  /** How late this process sent it: large values mean the load generator, not the service, lagged. */
  readonly sendLagMs: number;
  readonly status: number;
  readonly retryAfter: boolean;
}

interface Pending {
  readonly dueMs: number;
  done: boolean;
  abort: () => void;
}

/**
 * An open-loop load: requests are sent at a fixed rate whether or not earlier ones were
 * answered, as independent clients would (a closed loop slows down with the server and hides
 * overload). Keep-alive connections on loopback, as many as needed up to `maxSockets`; every
 * request gets an answer, a connection error or a timeout.
 */
export class OpenLoop {
  private readonly agent: Agent;
  private readonly url: URL;

  /**
   * `maxSockets` bounds the connections; `keepAlive: false` opens one per request, as an
   * orchestrator's probes do, so one connection stuck in the server's listen queue delays
   * only its own request.
   */
  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly timeoutMs: number,
    keepAlive = true,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive, maxSockets, maxFreeSockets: maxSockets });
  }

  /**
   * Sends `rate` requests per second for `seconds`, `next()` choosing each, and resolves once
   * every one has an outcome. `onOutcome` sees them as they come.
   */
  run(
    rate: number,
    seconds: number,
    next: () => RequestSpec,
    onOutcome?: (outcome: Outcome) => void,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const pending: Pending[] = [];
    const total = Math.round(rate * seconds);
    const started = performance.now();
    let sent = 0;
    let answered = 0;

    return new Promise((resolve) => {
      const record = (outcome: Outcome) => {
        outcomes.push(outcome);
        onOutcome?.(outcome);
        answered += 1;
        if (answered === total) {
          clearInterval(sweeper);
          resolve(outcomes);
        }
      };
      const tick = () => {
        const elapsed = performance.now() - started;
        const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
        // Catches up in a burst when this process was late, so the offered rate holds.
        for (; sent < due; sent++)
          pending.push(this.send((sent * 1000) / rate, started, next(), record));
        if (sent < total) setTimeout(tick, 1);
      };
      // Requests still unanswered after the timeout are abandoned, oldest first.
      let head = 0;
      const sweeper = setInterval(() => {
        const now = performance.now() - started;
        for (; head < pending.length; head++) {
          const oldest = pending[head]!;
          if (!oldest.done && oldest.dueMs + this.timeoutMs > now) break;
          if (!oldest.done) oldest.abort();
        }
        if (head > 4096) {
          pending.splice(0, head);
          head = 0;
        }
      }, 50);
      if (total === 0) {
        clearInterval(sweeper);
        resolve(outcomes);
        return;
      }
      tick();
    });
  }

  /**
   * Opens `connections` keep-alive connections before the load starts (one GET of `path` on
   * each, all at once), as a proxy's or a fleet's pool would already be open: a cold pool
   * measures how fast the service accepts connections, one per turn of its event loop.
   */
  async warm(connections: number, path: string): Promise<void> {
    await Promise.all(
      Array.from(
        { length: connections },
        () =>
          new Promise<void>((resolve) => {
            const outgoing = request(
              { agent: this.agent, host: this.url.hostname, port: this.url.port, path },
              (response) => {
                response.resume();
                response.on('end', resolve);
                response.on('error', () => resolve());
              },
            );
            outgoing.on('error', () => resolve());
            outgoing.end();
          }),
      ),
    );
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    dueMs: number,
    started: number,
    spec: RequestSpec,
    record: (outcome: Outcome) => void,
  ): Pending {
    const entry: Pending = { dueMs, done: false, abort: () => undefined };
    const sendLagMs = performance.now() - started - dueMs;
    const finish = (status: number, retryAfter = false) => {
      if (entry.done) return;
      entry.done = true;
      record({
        dueMs,
        latencyMs: performance.now() - started - dueMs,
        sendLagMs,
        status,
        retryAfter,
      });
    };
    const outgoing = request(
      {
        agent: this.agent,
        host: this.url.hostname,
        port: this.url.port,
        method: spec.method,
        path: spec.path,
        headers: {
          ...spec.headers,
          ...(spec.body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(spec.body),
              }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          finish(
            response.statusCode ?? CONNECTION_FAILED,
            response.headers['retry-after'] !== undefined,
          ),
        );
        response.on('error', () => finish(CONNECTION_FAILED));
      },
    );
    outgoing.on('error', () => finish(CONNECTION_FAILED));
    entry.abort = () => {
      finish(TIMED_OUT);
      outgoing.destroy();
    };
    outgoing.end(spec.body);
    return entry;
  }
}
