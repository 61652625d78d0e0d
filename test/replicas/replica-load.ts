import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEVICE_INFO, MAP_LOCATION } from '../e2e/consent/fixtures';
import type { Reply, RoundRobinClient } from './round-robin-client';

/** A command a replica acknowledged (2xx), with the time it took to get there. */
export interface Acknowledged {
  readonly path: string;
  readonly key: string;
  readonly status: number;
  readonly body: string;
  /** From the first try to the acknowledgement, retries and fail-overs included. */
  readonly waitedMs: number;
  /** Whether a replica failed at the socket on the way (it was killed, or not back yet). */
  readonly metAKilledReplica: boolean;
}

/** A subject whose every command was acknowledged: its stream must hold exactly these. */
export interface CompletedSubject {
  readonly subjectId: string;
  readonly eventTypes: readonly string[];
}

/** A read with the consistencyToken of a command another replica answered. */
export interface TokenRead {
  readonly writtenOn: number;
  readonly readOn: number;
  readonly sawTheWrite: boolean;
}

const MAP_LOCATION_APPROXIMATE = { ...MAP_LOCATION, precision: 'approximate' };

/** A client that gets no 2xx for a command for this long gives up (and the test fails). */
const GIVE_UP_MS = 60_000;

/**
 * Clients that take subjects through register, two grants, a revocation and a sync,
 * concurrently, until told to stop. After each grant or revocation, the next replica in
 * turn is asked, with the command's consistencyToken, whether the change shows (a check,
 * answered from a projection). A command answered 503 is sent again with the same
 * Idempotency-Key; any other failure stops the client and is kept in `failures`.
 */
export class ReplicaLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly completed: CompletedSubject[] = [];
  readonly tokenReads: TokenRead[] = [];
  readonly failures: string[] = [];
  private stopping = false;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly client: RoundRobinClient,
    clients: number,
  ) {
    this.workers = Array.from({ length: clients }, () =>
      this.run().catch((error: unknown) => {
        this.failures.push(error instanceof Error ? error.message : String(error));
      }),
    );
  }

  /** Lets every client finish the subject it is on, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  /** Resolves once `count` more commands have been acknowledged (or a client failed). */
  async waitForAcknowledgements(count: number): Promise<void> {
    const target = this.acknowledged.length + count;
    while (this.acknowledged.length < target) {
      if (this.failures.length > 0) throw new Error(`the load failed: ${this.failures[0]}`);
      await sleep(20);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const registered = await this.command('/v1/subjects', {
        appSubjectId: `replica-${randomUUID()}`,
        residency: 'row',
      });
      const { subjectId } = registered.json<{ subjectId: string }>();
      const subject = `/v1/subjects/${subjectId}`;
      await this.command(`${subject}/grants`, { ...DEVICE_INFO });
      const granted = await this.command(`${subject}/grants`, { ...MAP_LOCATION });
      await this.checkAfter(granted, { subjectId, ...MAP_LOCATION_APPROXIMATE }, true);
      const revoked = await this.command(`${subject}/revocations`, { ...DEVICE_INFO });
      await this.checkAfter(revoked, { subjectId, ...DEVICE_INFO }, false);
      const synced = await this.command(`${subject}/syncs`, {
        ...MAP_LOCATION_APPROXIMATE,
        syncId: randomUUID(),
        userInitiated: false,
      });
      const { outcome } = synced.json<{ outcome: string }>();
      if (outcome !== 'recorded') throw new Error(`a permitted sync was ${outcome}`);
      this.completed.push({
        subjectId,
        eventTypes: [
          'subject-registered',
          'consent-granted',
          'consent-granted',
          'consent-revoked',
          'sync-recorded',
        ],
      });
    }
  }

  /** A check on the next replica in turn, with the token of a command another one answered. */
  private async checkAfter(
    command: Reply,
    question: Record<string, unknown>,
    permitted: boolean,
  ): Promise<void> {
    const { consistencyToken } = command.json<{ consistencyToken: string }>();
    const answer = await untilNotUnavailable(() =>
      this.client.request('POST', `/v1/checks?consistencyToken=${consistencyToken}`, {
        body: question,
      }),
    );
    if (answer.status !== 200) throw new Error(`a check answered ${answer.status}: ${answer.body}`);
    this.tokenReads.push({
      writtenOn: command.replica,
      readOn: answer.replica,
      sawTheWrite: answer.json<{ permitted: boolean }>().permitted === permitted,
    });
  }

  private async command(path: string, body: Record<string, unknown>): Promise<Reply> {
    const { reply, acknowledged } = await acknowledgedCommand(this.client, path, body);
    this.acknowledged.push(acknowledged);
    return reply;
  }
}

/**
 * Sends a command with a new Idempotency-Key until it is acknowledged: again after a 503,
 * and on the next replica after a socket failure. Any other answer throws.
 */
export async function acknowledgedCommand(
  client: RoundRobinClient,
  path: string,
  body: Record<string, unknown>,
): Promise<{ reply: Reply; acknowledged: Acknowledged }> {
  const key = randomUUID();
  const started = Date.now();
  let metAKilledReplica = false;
  const reply = await untilNotUnavailable(async () => {
    const sent = await client.request('POST', path, { body, idempotencyKey: key });
    if (sent.failedOver > 0) metAKilledReplica = true;
    return sent;
  });
  if (reply.status < 200 || reply.status >= 300) {
    throw new Error(`POST ${path} answered ${reply.status}: ${reply.body}`);
  }
  const acknowledged = {
    path,
    key,
    status: reply.status,
    body: reply.body,
    waitedMs: Date.now() - started,
    metAKilledReplica,
  };
  return { reply, acknowledged };
}

/** Sends again (to the next replica in turn) while the answer is a 503. */
async function untilNotUnavailable(send: () => Promise<Reply>): Promise<Reply> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const reply = await send();
    if (reply.status !== 503 || Date.now() > deadline) return reply;
    await sleep(25 + Math.random() * 50);
  }
}
