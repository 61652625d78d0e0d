import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEVICE_INFO, MAP_LOCATION } from '../e2e/consent/fixtures';

/** An answer as the load needs it: `inject()` responses and HTTP replies both fit. */
export interface Reply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
}

/**
 * Where the load goes: the app in this process (`ConsentApi`) or a service process over HTTP
 * (`HttpTarget`). Every request carries a key holding the `app` and `auditor` roles.
 */
export interface CommandTarget {
  get(url: string): Promise<Reply>;
  post(url: string, body: unknown, options: { key: string }): Promise<Reply>;
}

/**
 * The request got no answer because the connection broke (the service was killed while it
 * was in flight, or was not listening yet): the client cannot know whether it took effect.
 */
export class ConnectionLost extends Error {
  override readonly name = 'ConnectionLost';
}

/** One answer the service gave, reduced to what the fault tests judge. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | undefined;
  readonly problemType: string | undefined;
  /** From sending the request to having the whole answer. */
  readonly latencyMs: number;
}

/**
 * The acknowledgement journal: a command the service acknowledged (2xx), with what it takes
 * to send it again and what the event log must hold for it.
 */
export interface Acknowledged {
  readonly method: 'POST';
  readonly url: string;
  readonly body: Record<string, unknown>;
  readonly key: string;
  readonly status: number;
  readonly responseBody: string;
  /** Which client sent it: one client's commands are acknowledged one after another. */
  readonly client: number;
  /** Attempts that got no answer at all (a kill while in flight) before this one. */
  readonly unansweredAttempts: number;
}

/** A subject whose every command was acknowledged: its stream must hold exactly these. */
export interface CompletedSubject {
  readonly subjectId: string;
  readonly eventTypes: readonly string[];
}

/**
 * Clients that register subjects and grant them two consents, concurrently, until told to
 * stop, reading between commands (the subject, from the event and key stores; the consent
 * summary, from the read store). A command answered 503, or left unanswered by a broken
 * connection, is sent again with the same Idempotency-Key and body until it is acknowledged,
 * as a well-behaved client would; every answer, queries' included, is kept for the test to
 * judge.
 */
export class CommandLoad {
  readonly answers: Answer[] = [];
  readonly acknowledged: Acknowledged[] = [];
  readonly completed: CompletedSubject[] = [];
  /** Requests that got no answer because the connection broke. */
  unanswered = 0;
  private stopping = false;
  private failure: Error | undefined;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly target: CommandTarget,
    clients: number,
    /** A client that gets no 2xx for a command for this long gives up (and the test fails). */
    private readonly giveUpAfterMs = 60_000,
  ) {
    this.workers = Array.from({ length: clients }, (_, client) =>
      this.client(client).catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }),
    );
  }

  /** Lets every client finish the subject it is on, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  /** Resolves once `count` more commands have been acknowledged; throws if a client failed. */
  async waitForAcknowledgements(count: number): Promise<void> {
    const target = this.acknowledged.length + count;
    while (this.acknowledged.length < target) {
      if (this.failure !== undefined) throw this.failure;
      await sleep(20);
    }
  }

  private async client(client: number): Promise<void> {
    while (!this.stopping) {
      const registered = await this.command(client, '/v1/subjects', {
        appSubjectId: `fault-${randomUUID()}`,
        residency: 'row',
      });
      const { subjectId } = JSON.parse(registered.responseBody) as { subjectId: string };
      const grants = `/v1/subjects/${subjectId}/grants`;
      await this.read(`/v1/subjects/${subjectId}`);
      await this.command(client, grants, { ...DEVICE_INFO });
      await this.read('/v1/consent-state/summary');
      await this.command(client, grants, { ...MAP_LOCATION });
      this.completed.push({
        subjectId,
        eventTypes: ['subject-registered', 'consent-granted', 'consent-granted'],
      });
    }
  }

  private async read(url: string): Promise<void> {
    const started = performance.now();
    try {
      this.answers.push(answerOf(await this.target.get(url), performance.now() - started));
    } catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
      this.unanswered++;
    }
  }

  private async command(
    client: number,
    url: string,
    body: Record<string, unknown>,
  ): Promise<Acknowledged> {
    const key = randomUUID();
    const deadline = Date.now() + this.giveUpAfterMs;
    let unansweredAttempts = 0;
    for (;;) {
      const started = performance.now();
      const response = await this.target.post(url, body, { key }).catch((error: unknown) => {
        if (!(error instanceof ConnectionLost)) throw error;
        return undefined;
      });
      if (response === undefined) {
        this.unanswered++;
        unansweredAttempts++;
      } else {
        this.answers.push(answerOf(response, performance.now() - started));
        if (response.statusCode >= 200 && response.statusCode < 300) {
          const acknowledged: Acknowledged = {
            method: 'POST',
            url,
            body,
            key,
            status: response.statusCode,
            responseBody: response.body,
            client,
            unansweredAttempts,
          };
          this.acknowledged.push(acknowledged);
          return acknowledged;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no 2xx for a command in ${this.giveUpAfterMs} ms`);
      }
      await sleep(25 + Math.random() * 50);
    }
  }
}

export function answerOf(response: Reply, latencyMs = 0): Answer {
  const contentType = String(response.headers['content-type'] ?? '');
  const retryAfter = response.headers['retry-after'];
  let problemType: string | undefined;
  if (contentType.startsWith('application/problem+json')) {
    problemType = (JSON.parse(response.body) as { type?: string }).type;
  }
  return {
    status: response.statusCode,
    contentType,
    retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
    problemType,
    latencyMs,
  };
}

/** True for the one answer allowed besides success while a store is away. */
export function isRetryableUnavailable(answer: Answer): boolean {
  return (
    answer.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    answer.retryAfter !== undefined &&
    Number(answer.retryAfter) > 0
  );
}
