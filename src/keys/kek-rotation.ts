import type { KeyEncryptionKeys } from './kek/key-encryption-keys.port';
import { KekInUseError } from './keys.errors';
import type { RewrapProgress } from './subject-keys/subject-key-store.port';
import type { WrappedKeyHolder } from './wrapped-keys';

interface RotationResult {
  readonly kekId: string;
  readonly rewrapped: number;
}

/** Makes a new KEK current and moves every live data key under it. */
export async function rotateKek(
  kek: KeyEncryptionKeys,
  store: WrappedKeyHolder,
  onProgress?: (progress: RewrapProgress) => void,
): Promise<RotationResult> {
  const kekId = await kek.rotate();
  const rewrapped = await store.rewrapAll(kek, onProgress);
  return { kekId, rewrapped };
}

/**
 * Destroys an old KEK once the key store holds nothing wrapped under it. After this, every
 * backup of the key store taken before the rotation holds keys that can no longer be
 * unwrapped — which is the point of rotating.
 */
export async function retireKek(
  kek: KeyEncryptionKeys,
  store: Pick<WrappedKeyHolder, 'kekIdsInUse'>,
  kekId: string,
): Promise<void> {
  if (kekId === kek.currentId) {
    throw new KekInUseError(kekId, 'it is the current KEK; rotate first');
  }
  if ((await store.kekIdsInUse()).includes(kekId)) {
    throw new KekInUseError(kekId, 'live data keys are still wrapped under it; re-wrap them first');
  }
  await kek.retire(kekId);
}
