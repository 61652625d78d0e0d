import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAP_LOCATION } from '../e2e/consent/fixtures';
import { acknowledgedCommand } from './replica-load';
import type { RoundRobinClient } from './round-robin-client';

/**
 * One client that, every `everyMs`, registers a subject, lets its approximate location go
 * to the map provider, and asks for the account's erasure: each such erasure puts one
 * webhook delivery to the map provider in the shared outbox, for some replica to send.
 */
export class ErasureLoad {
  readonly subjects: string[] = [];
  readonly erasureIds: string[] = [];
  readonly failures: string[] = [];
  acknowledged = 0;
  private stopping = false;
  private readonly worker: Promise<void>;

  constructor(
    private readonly client: RoundRobinClient,
    private readonly everyMs = 500,
  ) {
    this.worker = this.run().catch((error: unknown) => {
      this.failures.push(error instanceof Error ? error.message : String(error));
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const registered = await this.command('/v1/subjects', {
        appSubjectId: `erased-${randomUUID()}`,
        residency: 'row',
      });
      const { subjectId } = JSON.parse(registered) as { subjectId: string };
      this.subjects.push(subjectId);
      const subject = `/v1/subjects/${subjectId}`;
      await this.command(`${subject}/grants`, { ...MAP_LOCATION });
      await this.command(`${subject}/syncs`, {
        ...MAP_LOCATION,
        precision: 'approximate',
        syncId: randomUUID(),
        userInitiated: false,
      });
      const requested = await this.command(`${subject}/erasure-requests`, { scope: 'account' });
      this.erasureIds.push((JSON.parse(requested) as { erasureId: string }).erasureId);
      await sleep(this.everyMs);
    }
  }

  private async command(path: string, body: Record<string, unknown>): Promise<string> {
    const { reply } = await acknowledgedCommand(this.client, path, body);
    this.acknowledged++;
    return reply.body;
  }
}
