import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * What makes two requests "the same" for idempotency: method, path and the body in
 * RFC 8785 canonical form (so key order and whitespace do not matter). Keyed with a
 * server secret: the body may hold personal data, and a plain hash of an e-mail address
 * could be reversed by guessing.
 */
export function requestFingerprint(
  secret: Buffer,
  method: string,
  path: string,
  body: unknown,
): string {
  const canonicalBody = canonicalize(body ?? null) ?? 'null';
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}\u0000${path}\u0000${canonicalBody}`)
    .digest('hex');
}

/** The key itself is stored only as a keyed digest: callers may put anything in it. */
export function keyDigest(secret: Buffer, tenantId: string, key: string): string {
  return createHmac('sha256', secret)
    .update(`idempotency\u0000${tenantId}\u0000${key}`)
    .digest('hex');
}
