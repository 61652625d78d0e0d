import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Gauge, Registry } from 'prom-client';
import { PROJECTION_STATUS, type ProjectionStatusSource } from '../../projections';
import type { ReadStore, WriterLease } from '../../read-store/read-store.port';
import { READ_STORE } from '../../read-store';
import { CHECKPOINT_SIGNER, SIGNER_POLL_MS } from '../audit.tokens';
import { type CheckpointSigner, type SignOutcome } from './checkpoint-signer';
import { ensureCheckpointTable } from './checkpoint-store';
import { logIntegrityProblem } from './log-integrity';

const AUDIT_LOG_PROJECTION = 'audit_log';

/** Read-store writer lease that elects the one replica allowed to sign checkpoints. */
const SIGNER_LEASE = 'audit-checkpoint-signer';

/** How often the signer looks at the logs: the time cadence, but at least once a second. */
export function signerPollMs(everyMs: number): number {
  return Math.min(everyMs, 1000);
}

/**
 * Runs the checkpoint signer in the background of every replica; only the holder of the
 * `audit-checkpoint-signer` writer lease signs. A lease lost mid-way cannot fork a log:
 * each checkpoint is checked and stored in one transaction that locks the log's checkpoints,
 * and (tenant, size) is unique.
 */
@Injectable()
export class CheckpointSignerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private lease: WriterLease | undefined;
  private loop: { readonly abort: AbortController; readonly done: Promise<void> } | undefined;
  private readonly integrity: Gauge<'tenant' | 'problem'>;
  private readonly leaseHeld: Gauge;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CHECKPOINT_SIGNER) private readonly signer: CheckpointSigner,
    @Inject(SIGNER_POLL_MS) private readonly pollMs: number,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
    registry: Registry,
  ) {
    this.integrity = new Gauge({
      name: 'audit_log_integrity_problem',
      help: 'Set to 1 while a tenant log does not extend its latest signed checkpoint (inconsistent) or holds fewer leaves than it with the audit log caught up (shrunk): alert on it.',
      labelNames: ['tenant', 'problem'],
      registers: [registry],
    });
    this.leaseHeld = new Gauge({
      name: 'audit_checkpoint_signer_lease_held',
      help: 'Set to 1 while this replica holds the checkpoint signer lease: across replicas, at most one shows 1.',
      registers: [registry],
    });
    this.leaseHeld.set(0);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureCheckpointTable(this.readStore);
    const abort = new AbortController();
    this.loop = { abort, done: this.run(abort.signal) };
  }

  async beforeApplicationShutdown(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    loop?.abort.abort();
    await loop?.done;
    await this.releaseLease();
  }

  /**
   * One round: signs every due log if this replica holds the lease. Undefined when another
   * replica holds it.
   */
  async signDue(): Promise<SignOutcome[] | undefined> {
    if (!(await this.holdLease())) return undefined;
    const outcomes = await this.signer.signDue();
    await this.reportIntegrity(outcomes);
    for (const outcome of outcomes) {
      if (outcome.kind === 'signed') {
        this.logger.debug({ msg: 'checkpoint signed', tenant: outcome.tenant, size: outcome.size });
      }
      if (outcome.kind === 'failed') {
        this.logger.warn({
          msg: 'could not sign a checkpoint; retrying next round',
          tenant: outcome.tenant,
          size: outcome.size,
          err: outcome.error,
        });
      }
    }
    return outcomes;
  }

  /** Raises (and clears) the integrity gauge; a log that shrank is an incident worth a log line. */
  private async reportIntegrity(outcomes: readonly SignOutcome[]): Promise<void> {
    const caughtUp = outcomes.some((o) => o.kind === 'behind')
      ? await this.auditLogCaughtUp()
      : false;
    for (const outcome of outcomes) {
      const problem = logIntegrityProblem(outcome, caughtUp);
      for (const kind of ['inconsistent', 'shrunk'] as const) {
        this.integrity.set({ tenant: outcome.tenant, problem: kind }, problem === kind ? 1 : 0);
      }
      if (problem === 'shrunk') {
        this.logger.error({
          msg: 'the log holds fewer leaves than its latest signed checkpoint although the audit log has caught up: signed events are missing from the store',
          tenant: outcome.tenant,
          size: outcome.size,
        });
      }
    }
  }

  private async auditLogCaughtUp(): Promise<boolean> {
    const status = (await this.projections.statuses()).find((s) => s.name === AUDIT_LOG_PROJECTION);
    return status !== undefined && !status.halted && status.lagEvents === 0;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      await sleep(this.pollMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      try {
        await this.signDue();
        failures = 0;
      } catch (error) {
        failures += 1;
        // The projection may not have created its tables yet, or the store is unreachable.
        if (failures === 1 || failures % 60 === 0) {
          this.logger.warn({
            msg: `checkpoint signing failed (attempt ${failures}); retrying`,
            err: error,
          });
        }
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease && !this.lease.lost) return true;
    this.leaseHeld.set(0);
    this.lease = await this.readStore.tryAcquireWriterLease(SIGNER_LEASE);
    this.leaseHeld.set(this.lease ? 1 : 0);
    return this.lease !== undefined;
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    this.leaseHeld.set(0);
    await lease?.release().catch((error: unknown) => {
      this.logger.warn({ msg: 'could not release the checkpoint signer lease', err: error });
    });
  }
}
