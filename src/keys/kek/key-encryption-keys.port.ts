/** A data key encrypted under a key-encryption key; `wrapped` is opaque outside the KMS. */
export interface WrappedKey {
  readonly kekId: string;
  readonly wrapped: Buffer;
}

/**
 * The KMS port of envelope encryption: data keys are stored only wrapped, and only this port
 * can unwrap them. The embedded adapter keeps KEKs as files; an external KMS (AWS KMS,
 * Vault transit) implements the same calls remotely — see docs/adr/0008.
 */
export interface KeyEncryptionKeys {
  /** The KEK that `wrap` uses now. */
  readonly currentId: string;
  wrap(dataKey: Buffer): Promise<WrappedKey>;
  /** Throws `UnknownKekError` for a KEK it does not have, `KeyUnwrapError` for altered bytes. */
  unwrap(wrapped: WrappedKey): Promise<Buffer>;
  /** Whether `kekId` can still unwrap; checked at start against the ids the key store uses. */
  has(kekId: string): Promise<boolean>;
  /** Makes a new KEK current and returns its id; keys wrapped earlier still unwrap. */
  rotate(): Promise<string>;
  /**
   * Destroys a KEK for good. Callers go through `retireKek`, which first makes sure no live
   * data key is still wrapped under it; the adapter itself refuses the current KEK.
   */
  retire(kekId: string): Promise<void>;
}
