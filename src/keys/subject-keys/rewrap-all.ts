import type { KeyEncryptionKeys } from '../kek/key-encryption-keys.port';
import type { RewrapProgress } from './subject-key-store.port';
import type { SubjectKeyRows } from './subject-key-rows';

const BATCH_SIZE = 500;

/**
 * Moves every live key under the current KEK, batch by batch, until a pass finds none left:
 * keys created under the old KEK while the run was going are picked up too. Each row is
 * replaced by compare-and-set, so a key destroyed meanwhile stays destroyed. A key that does
 * not unwrap ends the run with that error: its KEK must not be retired.
 */
export async function rewrapAll(
  rows: SubjectKeyRows,
  kek: KeyEncryptionKeys,
  onProgress?: (progress: RewrapProgress) => void,
): Promise<number> {
  const total = await rows.countWrappedOutside(kek.currentId);
  let rewrapped = 0;
  for (;;) {
    const batch = await rows.wrappedOutside(kek.currentId, BATCH_SIZE);
    if (batch.length === 0) return rewrapped;
    let replacedInBatch = 0;
    for (const row of batch) {
      const dataKey = await kek.unwrap(row);
      try {
        const next = await kek.wrap(dataKey);
        if (await rows.replaceWrapped(row, next)) {
          rewrapped += 1;
          replacedInBatch += 1;
          onProgress?.({ rewrapped, total: Math.max(total, rewrapped) });
        }
      } finally {
        dataKey.fill(0);
      }
    }
    // Every row changed under us (a concurrent run or destroy); whoever did it finishes.
    if (replacedInBatch === 0) return rewrapped;
  }
}
