import type { KeyEncryptionKeys } from './kek/key-encryption-keys.port';
import type { RewrapProgress, SubjectKeyStore } from './subject-keys/subject-key-store.port';

/** Whatever holds secrets wrapped by the KEK: what rotation re-wraps and retirement asks about. */
export type WrappedKeyHolder = Pick<SubjectKeyStore, 'rewrapAll' | 'kekIdsInUse'>;

/**
 * Several holders seen as one — subject data keys and processors' webhook secrets — so a
 * rotation re-wraps all of them and a KEK is retired only when none of them still needs it.
 */
export function allWrappedKeys(holders: readonly WrappedKeyHolder[]): WrappedKeyHolder {
  return {
    async rewrapAll(kek: KeyEncryptionKeys, onProgress?: (progress: RewrapProgress) => void) {
      let moved = 0;
      for (const holder of holders) moved += await holder.rewrapAll(kek, onProgress);
      return moved;
    },
    async kekIdsInUse() {
      const ids = await Promise.all(holders.map((holder) => holder.kekIdsInUse()));
      return [...new Set(ids.flat())];
    },
  };
}
