import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { DEVICE_INFO, MAP_LOCATION } from '../e2e/consent/fixtures';
import type { ConsentApi } from '../e2e/consent/harness';

/** One answer the service gave, reduced to what the fault tests judge. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | undefined;
  readonly problemType: string | undefined;
}

/** A command the service acknowledged (2xx), with what it takes to send it again. */
export interface Acknowledged {
  readonly method: 'POST';
  readonly url: string;
  readonly body: Record<string, unknown>;
  readonly key: string;
  readonly status: number;
  readonly responseBody: string;
}

/** A subject whose every command was acknowledged: its stream must hold exactly these. */
export interface CompletedSubject {
  readonly subjectId: string;
  readonly eventTypes: readonly string[];
}

/**
 * Clients that register subjects and grant them two consents, concurrently, until told to
 * stop, reading between commands (the subject, from the event and key stores; the consent
 * summary, from the read store). A command answered 503 is sent again with the same
 * Idempotency-Key and body until it is acknowledged, as a well-behaved client would; every
 * answer, queries' included, is kept for the test to judge.
 */
export class CommandLoad {
  readonly answers: Answer[] = [];
  readonly acknowledged: Acknowledged[] = [];
  readonly completed: CompletedSubject[] = [];
  private stopping = false;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly api: ConsentApi,
    clients: number,
    /** A client that gets no 2xx for a command for this long gives up (and the test fails). */
    private readonly giveUpAfterMs = 60_000,
  ) {
    this.workers = Array.from({ length: clients }, () => this.client());
  }

  /** Lets every client finish the subject it is on, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  /** Resolves once `count` more commands have been acknowledged. */
  async waitForAcknowledgements(count: number): Promise<void> {
    const target = this.acknowledged.length + count;
    while (this.acknowledged.length < target) await sleep(20);
  }

  private async client(): Promise<void> {
    while (!this.stopping) {
      const registered = await this.command('/v1/subjects', {
        appSubjectId: `fault-${randomUUID()}`,
        residency: 'row',
      });
      const { subjectId } = JSON.parse(registered.responseBody) as { subjectId: string };
      const grants = `/v1/subjects/${subjectId}/grants`;
      await this.read(`/v1/subjects/${subjectId}`);
      await this.command(grants, { ...DEVICE_INFO });
      await this.read('/v1/consent-state/summary');
      await this.command(grants, { ...MAP_LOCATION });
      this.completed.push({
        subjectId,
        eventTypes: ['subject-registered', 'consent-granted', 'consent-granted'],
      });
    }
  }

  private async read(url: string): Promise<void> {
    this.answers.push(answerOf(await this.api.get(url)));
  }

  private async command(url: string, body: Record<string, unknown>): Promise<Acknowledged> {
    const key = randomUUID();
    const deadline = Date.now() + this.giveUpAfterMs;
    for (;;) {
      const response = await this.api.post(url, body, { key });
      this.answers.push(answerOf(response));
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const acknowledged: Acknowledged = {
          method: 'POST',
          url,
          body,
          key,
          status: response.statusCode,
          responseBody: response.body,
        };
        this.acknowledged.push(acknowledged);
        return acknowledged;
      }
      if (Date.now() > deadline) {
        throw new Error(`no 2xx for a command in ${this.giveUpAfterMs} ms`);
      }
      await sleep(25 + Math.random() * 50);
    }
  }
}

export function answerOf(response: LightMyRequestResponse): Answer {
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
  };
}

/** True for the one answer allowed besides success while the database is away. */
export function isRetryableUnavailable(answer: Answer): boolean {
  return (
    answer.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    answer.retryAfter !== undefined &&
    Number(answer.retryAfter) > 0
  );
}
