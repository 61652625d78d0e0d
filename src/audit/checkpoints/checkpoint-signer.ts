import type { ReadStore } from '../../read-store/read-store.port';
import { AuditLogReader } from '../log/audit-log-reader';
import { readLogSizes } from '../log/log-size';
import { sameHash } from '../merkle/hashing';
import { ProofVerificationError } from '../merkle/merkle.errors';
import { verifyConsistency } from '../merkle/verify-consistency';
import { formatCheckpoint, parseCheckpoint } from '../note/checkpoint';
import { parseNote, signNote } from '../note/signed-note';
import { type CheckpointCadence, isCheckpointDue } from './checkpoint-cadence';
import {
  insertCheckpoint,
  latestCheckpoint,
  latestCheckpoints,
  lockCheckpoints,
  type StoredCheckpoint,
} from './checkpoint-store';
import { type CheckpointSigningKey, logOrigin } from './checkpoint-signing-key';

/**
 * - `signed`: a new checkpoint was signed and stored.
 * - `unchanged`: the log has not grown past its latest checkpoint.
 * - `behind`: the log is smaller than its latest checkpoint (its projection is rebuilding).
 * - `taken`: another signer stored a checkpoint of this size first.
 * - `refused`: the log is inconsistent with its latest checkpoint; nothing was signed.
 * - `failed`: the store failed (or the log is incomplete); nothing was signed, retry later.
 */
export type SignOutcome =
  | {
      readonly kind: 'signed';
      readonly tenant: string;
      readonly size: number;
      readonly note: string;
    }
  | {
      readonly kind: 'unchanged' | 'behind' | 'taken';
      readonly tenant: string;
      readonly size: number;
    }
  | {
      readonly kind: 'refused';
      readonly tenant: string;
      readonly size: number;
      readonly latestSize: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'failed';
      readonly tenant: string;
      readonly size: number;
      readonly error: unknown;
    };

interface CheckpointSignerOptions {
  readonly readStore: ReadStore;
  readonly key: CheckpointSigningKey;
  readonly originHost: string;
  readonly cadence: CheckpointCadence;
  readonly now?: () => Date;
  /** Told of every refusal: an inconsistent log is an incident, never signed over. */
  readonly onRefused?: (refusal: Extract<SignOutcome, { kind: 'refused' }>) => void;
}

/**
 * Signs the tenant logs' checkpoints. Before signing size n2 with root r2 it checks, inside
 * one transaction that locks the log's checkpoints, that the latest stored checkpoint (n1, r1)
 * is a prefix: n2 ≥ n1, equal roots when n2 = n1, and a consistency proof n1 → n2 from the
 * log's own hash store that verifies against r1 (read from the signed note) and r2. Then it
 * signs and stores in that same transaction. So every stored checkpoint extends the one
 * stored before it, and no two checkpoints of a log are inconsistent.
 */
export class CheckpointSigner {
  private readonly now: () => Date;

  constructor(private readonly options: CheckpointSignerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Signs every log that is due under the cadence; returns what happened to each, and names
   * the logs that are behind their latest checkpoint. One log failing does not hold back the
   * others.
   */
  async signDue(): Promise<SignOutcome[]> {
    const { readStore, cadence } = this.options;
    const [sizes, latest] = await Promise.all([
      readLogSizes(readStore),
      latestCheckpoints(readStore),
    ]);
    const nowMs = this.now().getTime();
    const outcomes: SignOutcome[] = [];
    for (const [tenant, size] of sizes) {
      const last = latest.get(tenant);
      const signed = last && { size: last.size, signedAtMs: Date.parse(last.signedAt) };
      // Reported, not signed: the caller decides whether a rebuild or a loss explains it.
      if (signed && size < signed.size) outcomes.push({ kind: 'behind', tenant, size });
      if (!isCheckpointDue(size, signed, nowMs, cadence)) continue;
      outcomes.push(
        await this.sign(tenant).catch((error: unknown): SignOutcome => {
          return { kind: 'failed', tenant, size, error };
        }),
      );
    }
    return outcomes;
  }

  /** Signs the log's current size, if it grew and is consistent with its latest checkpoint. */
  async sign(tenant: string): Promise<SignOutcome> {
    const outcome = await this.signInTransaction(tenant);
    if (outcome.kind === 'refused') this.options.onRefused?.(outcome);
    return outcome;
  }

  private signInTransaction(tenant: string): Promise<SignOutcome> {
    return this.options.readStore.transaction(async (tx): Promise<SignOutcome> => {
      await lockCheckpoints(tx, tenant);
      const log = new AuditLogReader(tx, tenant);
      const size = await log.size();
      const latest = await latestCheckpoint(tx, tenant);
      if (size === 0) return { kind: 'unchanged', tenant, size };
      const root = await log.root(size);
      if (latest !== undefined) {
        const verdict = await this.extends(log, latest, size, root);
        if (verdict !== 'extends') {
          return typeof verdict === 'string'
            ? { kind: verdict, tenant, size }
            : { kind: 'refused', tenant, size, latestSize: latest.size, reason: verdict.reason };
        }
      }
      const origin = logOrigin(this.options.originHost, tenant);
      const text = formatCheckpoint({ origin, size, rootHash: root });
      const note = signNote(text, [this.options.key.signerFor(origin)]);
      const stored = await insertCheckpoint(tx, {
        tenant,
        size,
        rootHash: root,
        note,
        signedAt: this.now().toISOString(),
      });
      return stored ? { kind: 'signed', tenant, size, note } : { kind: 'taken', tenant, size };
    });
  }

  private async extends(
    log: AuditLogReader,
    latest: StoredCheckpoint,
    size: number,
    root: Buffer,
  ): Promise<'extends' | 'unchanged' | 'behind' | { reason: string }> {
    // The root that was published is the one in the signed note, not a column beside it.
    const published = parseCheckpoint(parseNote(latest.note).text);
    if (published.size !== BigInt(latest.size) || !sameHash(published.rootHash, latest.rootHash)) {
      return { reason: 'the stored checkpoint row disagrees with its signed note' };
    }
    if (size < latest.size) return 'behind';
    if (size === latest.size) {
      return sameHash(root, published.rootHash)
        ? 'unchanged'
        : { reason: 'the log has the size of its latest checkpoint but another root' };
    }
    const proof = await log.consistencyProof(latest.size, size);
    try {
      verifyConsistency(latest.size, size, proof, published.rootHash, root);
      return 'extends';
    } catch (error) {
      if (!(error instanceof ProofVerificationError)) throw error;
      return { reason: `the log does not extend its latest checkpoint: ${error.message}` };
    }
  }
}
