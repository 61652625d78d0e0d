import { setTimeout as sleep } from 'node:timers/promises';
import type { AppendResult } from '../event-store.port';
import type { AppendRequest } from './append-plan';
import type { GroupOutcome } from './postgres-append-group';
import { isConnectionLoss, needsRerun, toStoreError } from './postgres-errors';

interface GroupCommitSettings {
  /** Groups in flight at once: one can read and lock while another holds the feed lock. */
  readonly maxGroupsInFlight: number;
  readonly maxAppendsPerGroup: number;
  readonly maxBytesPerGroup: number;
  /** Pauses before the 2nd, 3rd … attempt of a group whose connection was lost. */
  readonly reconnectDelaysMs: readonly number[];
  /** Reruns of a group that lost a race (unique violation, deadlock) before giving up. */
  readonly maxReruns: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitSettings = {
  maxGroupsInFlight: 2,
  maxAppendsPerGroup: 500,
  maxBytesPerGroup: 8 * 1024 * 1024,
  reconnectDelaysMs: [25, 100, 400],
  maxReruns: 3,
};

interface Pending {
  readonly request: AppendRequest;
  readonly bytes: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Group commit: appends waiting while earlier groups are in flight share the next
 * transaction, so concurrent writers pay for one commit (one WAL flush) between them.
 * Nobody is answered before COMMIT returned. A group whose connection dies is run again:
 * appends that did land are then recognised as retries and answered with their original
 * result, so a retry never writes twice.
 */
export class PostgresGroupCommit {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly runGroup: (requests: readonly AppendRequest[]) => Promise<GroupOutcome[]>,
    private readonly afterWrite: () => void,
    private readonly settings: GroupCommitSettings = DEFAULT_GROUP_COMMIT,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    const bytes = request.events.reduce((sum, e) => sum + e.data.length + e.metadata.length, 0);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, bytes, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every queued append has been answered. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0 && !this.scheduled;
  }

  /** Starts groups on the next turn of the event loop, so appends made together group together. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.inFlight < this.settings.maxGroupsInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.startGroups();
        if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private takeGroup(): Pending[] {
    let bytes = 0;
    let count = 0;
    for (const pending of this.queue) {
      const full =
        count >= this.settings.maxAppendsPerGroup ||
        (count > 0 && bytes + pending.bytes > this.settings.maxBytesPerGroup);
      if (full) break;
      bytes += pending.bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async run(group: Pending[]): Promise<void> {
    let reconnects = 0;
    let reruns = 0;
    for (;;) {
      try {
        const outcomes = await this.runGroup(group.map((p) => p.request));
        this.answer(group, outcomes);
        return;
      } catch (error) {
        if (isConnectionLoss(error) && reconnects < this.settings.reconnectDelaysMs.length) {
          await sleep(this.settings.reconnectDelaysMs[reconnects]);
          reconnects += 1;
        } else if (needsRerun(error) && reruns < this.settings.maxReruns) {
          reruns += 1;
        } else {
          const storeError = toStoreError(error);
          for (const pending of group) pending.reject(storeError);
          return;
        }
      }
    }
  }

  private answer(group: readonly Pending[], outcomes: readonly GroupOutcome[]): void {
    const deferred: Pending[] = [];
    let wrote = false;
    outcomes.forEach((outcome, i) => {
      const pending = group[i]!;
      if (outcome.kind === 'appended') {
        wrote ||= outcome.wrote;
        pending.resolve(outcome.result);
      } else if (outcome.kind === 'refused') {
        pending.reject(outcome.error);
      } else {
        deferred.push(pending);
      }
    });
    this.queue.unshift(...deferred);
    if (wrote) this.afterWrite();
  }
}
