import { setTimeout as sleep } from 'node:timers/promises';
import { REFRESH_INTERVAL_MS } from './kek/file-key-encryption-keys';
import type { KeyEncryptionKeys } from './kek/key-encryption-keys.port';
import { retireKek, rotateKek } from './kek-rotation';
import type { RewrapProgress } from './subject-keys/subject-key-store.port';
import type { WrappedKeyHolder } from './wrapped-keys';

/** A KMS that can list its KEKs, newest (current) first; the embedded one can. */
interface ListedKeyEncryptionKeys extends KeyEncryptionKeys {
  ids(): readonly string[];
}

interface RotationOptions {
  /** Keep the old KEKs (retire them later with `keys retire`). */
  readonly keepOld: boolean;
  /**
   * How long to wait after re-wrapping before retiring: a service on the same keys
   * directory picks up the new current KEK within its refresh interval, and a key it
   * created under the old KEK before that is re-wrapped in a second pass.
   */
  readonly settleMs?: number;
  readonly onProgress?: (progress: RewrapProgress) => void;
}

interface Retirement {
  readonly retired: readonly string[];
  /** Older KEKs that still wrap live keys, so were not retired. */
  readonly inUse: readonly string[];
}

interface RotationReport extends Retirement {
  readonly kekId: string;
  readonly rewrapped: number;
  /** Older KEKs kept on request (`--keep-old`). */
  readonly kept: readonly string[];
}

/** A margin over the refresh interval of every `FileKeyEncryptionKeys` on the directory. */
const DEFAULT_SETTLE_MS = REFRESH_INTERVAL_MS + 500;

/**
 * `keys rotate`: a new current KEK, every live data key re-wrapped under it, then (unless
 * kept) every older KEK destroyed. Once an old KEK is gone, no copy of the key store taken
 * before the rotation — backups, dead tuples, old WAL — can be unwrapped any more.
 */
export async function rotateAndRetire(
  kek: ListedKeyEncryptionKeys,
  store: WrappedKeyHolder,
  options: RotationOptions,
): Promise<RotationReport> {
  const rotation = await rotateKek(kek, store, options.onProgress);
  const older = kek.ids().filter((id) => id !== rotation.kekId);
  if (options.keepOld) return { ...rotation, retired: [], inUse: [], kept: older };
  await sleep(options.settleMs ?? DEFAULT_SETTLE_MS);
  const stragglers = await store.rewrapAll(kek, options.onProgress);
  const retirement = await retireUnused(kek, store);
  return {
    kekId: rotation.kekId,
    rewrapped: rotation.rewrapped + stragglers,
    ...retirement,
    kept: [],
  };
}

/**
 * `keys retire`: destroys every KEK but the current one that no live key is wrapped under,
 * and names the ones still in use. `retireKek` checks each against the key store again
 * right before destroying it.
 */
export async function retireUnused(
  kek: ListedKeyEncryptionKeys,
  store: WrappedKeyHolder,
): Promise<Retirement> {
  const current = kek.currentId;
  const used = new Set(await store.kekIdsInUse());
  const retired: string[] = [];
  const inUse: string[] = [];
  for (const kekId of kek.ids()) {
    if (kekId === current) continue;
    if (used.has(kekId)) {
      inUse.push(kekId);
      continue;
    }
    await retireKek(kek, store, kekId);
    retired.push(kekId);
  }
  return { retired, inUse };
}
