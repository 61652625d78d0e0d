import { setTimeout as sleep } from 'node:timers/promises';
import { type Checkpoint, openCheckpoint } from '../../src/audit/note/checkpoint';
import type { NoteVerifier } from '../../src/audit/note/note-keys';
import type { ServiceProcess } from '../support/service-process';

/** A checkpoint one replica served, with the note text as served. */
export interface SeenCheckpoint {
  readonly replica: number;
  readonly note: string;
  readonly checkpoint: Checkpoint;
}

const SIGNER_LEASE_HELD = /^audit_checkpoint_signer_lease_held (\d+)$/m;

/**
 * Polls every running replica, as an auditor would: the tenant log's latest signed
 * checkpoint (each one verified with the signer's public key), and how many replicas say
 * they hold the checkpoint signer lease. A round during which a replica was killed or
 * restarted does not count for the lease (the replicas are asked one after the other).
 */
export class CheckpointWatch {
  readonly seen: SeenCheckpoint[] = [];
  /** Checkpoints that did not verify, and metrics without the lease gauge: must stay empty. */
  readonly wrong: string[] = [];
  /** Lease holders counted in each round that saw every replica up, before and after. */
  readonly holdersPerRound: number[] = [];
  private membershipChanges = 0;
  private stopping = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly replicas: readonly ServiceProcess[],
    private readonly auditorKey: string,
    private readonly verifier: NoteVerifier,
    private readonly everyMs = 250,
  ) {
    this.loop = this.run();
  }

  /** Call around a kill or restart, so that the lease round it falls in is left out. */
  membershipChanged(): void {
    this.membershipChanges++;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  /** One round, also callable when the watch is stopped. */
  async round(): Promise<void> {
    const changesBefore = this.membershipChanges;
    let holders = 0;
    let everyoneAnswered = true;
    for (const [index, replica] of this.replicas.entries()) {
      if (!replica.running) {
        everyoneAnswered = false;
        continue;
      }
      const checkpoint = await this.get(replica, '/v1/audit/checkpoint', this.auditorKey);
      const metrics = await this.get(replica, '/metrics');
      if (checkpoint === undefined || metrics === undefined) {
        everyoneAnswered = false;
        continue;
      }
      // 404 until the first checkpoint is signed.
      if (checkpoint.status === 200) this.record(index, checkpoint.body);
      const held = SIGNER_LEASE_HELD.exec(metrics.body)?.[1];
      if (held === undefined) this.wrong.push('/metrics does not show the signer lease');
      holders += Number(held ?? 0);
    }
    if (everyoneAnswered && changesBefore === this.membershipChanges) {
      this.holdersPerRound.push(holders);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await this.round();
      await sleep(this.everyMs);
    }
  }

  /** The replica that says it holds the signer lease now, if one does. */
  async holder(): Promise<number | undefined> {
    for (const [index, replica] of this.replicas.entries()) {
      const metrics = await this.get(replica, '/metrics');
      if (metrics && SIGNER_LEASE_HELD.exec(metrics.body)?.[1] === '1') return index;
    }
    return undefined;
  }

  private record(replica: number, note: string): void {
    try {
      this.seen.push({ replica, note, checkpoint: openCheckpoint(note, this.verifier) });
    } catch (error) {
      this.wrong.push(
        `replica ${replica} served a checkpoint that does not verify: ${String(error)}`,
      );
    }
  }

  /** Undefined when the replica does not answer (it was killed meanwhile). */
  private async get(
    replica: ServiceProcess,
    path: string,
    apiKey?: string,
  ): Promise<{ status: number; body: string } | undefined> {
    try {
      const response = await fetch(`${replica.url}${path}`, {
        headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, body: await response.text() };
    } catch {
      return undefined;
    }
  }
}
