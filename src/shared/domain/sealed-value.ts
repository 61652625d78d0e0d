/**
 * Personal data inside an event, already encrypted with the subject's data key by the
 * application layer (AES-256-GCM). The domain never sees plaintext personal data: it only
 * carries these opaque tokens, and the audit log hashes them instead of their content.
 */
export type SealedValue = string & { readonly __sealed: unique symbol };

export function asSealed(token: string): SealedValue {
  return token as SealedValue;
}
