import type { KeyObject } from 'node:crypto';
import { ed25519Signer, formatVerifierKey, type NoteSigner } from '../note/note-keys';

/** The origin of a tenant's log, which is also the key name its checkpoints are signed under. */
export function logOrigin(originHost: string, tenant: string): string {
  return `${originHost}/${tenant}`;
}

/**
 * The one Ed25519 key that signs every tenant log's checkpoints. Each log signs under its own
 * origin as key name (C2SP tlog-checkpoint: the key name SHOULD match the origin), so each
 * log has its own key id and verifier key, derived from the same public key.
 */
export class CheckpointSigningKey {
  private readonly signers = new Map<string, NoteSigner>();

  constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: Buffer,
  ) {}

  signerFor(origin: string): NoteSigner {
    let signer = this.signers.get(origin);
    if (signer === undefined) {
      signer = ed25519Signer(origin, this.privateKey);
      this.signers.set(origin, signer);
    }
    return signer;
  }

  /** `<origin>+<key id>+<base64(0x01 || public key)>`: what an auditor of that log trusts. */
  verifierKeyFor(origin: string): string {
    return formatVerifierKey(origin, this.publicKey);
  }
}
