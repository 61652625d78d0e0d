import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceProcess } from '../support/service-process';

/** One answer a replica gave, reduced to what the test judges. */
export interface Answer {
  readonly replica: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | null;
  readonly problemType: string | undefined;
}

export interface Reply {
  readonly replica: number;
  /** Replicas that failed at the socket before this one answered. */
  readonly failedOver: number;
  readonly status: number;
  readonly body: string;
  json<T>(): T;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly apiKey?: string;
  /** Send to this replica first (by index) instead of the next in turn. */
  readonly replica?: number;
}

/** No answer from any replica for this long fails the request: it only turns a hang into an error. */
const GIVE_UP_MS = 60_000;

/**
 * A client in front of several replicas, as a round-robin load balancer without health
 * checks would be: each request goes to the next replica in turn. A request that fails at
 * the socket (the replica was killed, or is not listening yet) goes to the next replica,
 * unchanged — the same Idempotency-Key makes that safe for commands. Every HTTP answer is
 * kept for the test to judge; socket failures are counted apart, since they are no answer.
 */
export class RoundRobinClient {
  readonly answers: Answer[] = [];
  socketFailures = 0;
  private turn = 0;

  constructor(
    private readonly replicas: readonly ServiceProcess[],
    private readonly apiKey: string,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const deadline = Date.now() + GIVE_UP_MS;
    let index = options.replica ?? this.turn++ % this.replicas.length;
    let failuresInARow = 0;
    for (;;) {
      const replica = this.replicas[index]!;
      try {
        const response = await fetch(`${replica.url}${path}`, {
          method,
          headers: this.headersFor(options),
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(GIVE_UP_MS),
        });
        const body = await response.text();
        this.answers.push(answerOf(index, method, path, response, body));
        return {
          replica: index,
          failedOver: failuresInARow,
          status: response.status,
          body,
          json: <T>() => JSON.parse(body) as T,
        };
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.socketFailures++;
        failuresInARow++;
        index = (index + 1) % this.replicas.length;
        // Every replica refused in turn: wait a little before the next round.
        if (failuresInARow % this.replicas.length === 0) await sleep(50);
      }
    }
  }

  private headersFor(options: RequestOptions): Record<string, string> {
    return {
      authorization: `Bearer ${options.apiKey ?? this.apiKey}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.idempotencyKey === undefined
        ? {}
        : { 'idempotency-key': options.idempotencyKey }),
    };
  }
}

function answerOf(
  replica: number,
  method: string,
  path: string,
  response: Response,
  body: string,
): Answer {
  const contentType = response.headers.get('content-type') ?? '';
  let problemType: string | undefined;
  if (contentType.startsWith('application/problem+json')) {
    problemType = (JSON.parse(body) as { type?: string }).type;
  }
  return {
    replica,
    method,
    path,
    status: response.status,
    contentType,
    retryAfter: response.headers.get('retry-after'),
    problemType,
  };
}

/** True for the one failure a replica may answer under this test: 503 problem+json with Retry-After. */
export function isRetryableUnavailable(answer: Answer): boolean {
  return (
    answer.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    answer.retryAfter !== null &&
    Number(answer.retryAfter) > 0
  );
}
