import { createHash } from 'node:crypto';

/** Signature type byte of Ed25519 in C2SP signed-note. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function noteKeyId(name: string, typedPublicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a))
    .update(typedPublicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** As keys show it: eight lower-case hex digits. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}
