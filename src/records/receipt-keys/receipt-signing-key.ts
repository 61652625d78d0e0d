import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';

/** A public key as published in a JWK set (RFC 7517, RFC 8037). */
export interface ReceiptPublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

/** The fixed PKCS #8 header of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * One tenant's receipt key: Ed25519, derived from the deployment's receipt key seed with
 * HKDF-SHA256 and the tenant id, so each tenant signs with its own key while only one
 * secret file is kept (and backed up). Never the checkpoint signing key (ADR 0043).
 */
export class TenantReceiptKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly jwk: ReceiptPublicJwk,
  ) {}

  static async derive(seed: Buffer, tenantId: string): Promise<TenantReceiptKey> {
    const tenantSeed = Buffer.from(
      hkdfSync('sha256', seed, 'consent-ledger/receipt-key/v1', tenantId, 32),
    );
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, tenantSeed]),
      format: 'der',
      type: 'pkcs8',
    });
    const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
    if (typeof x !== 'string') throw new TypeError('not an Ed25519 key');
    const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x };
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    return new TenantReceiptKey(privateKey, {
      kty: 'OKP',
      crv: 'Ed25519',
      x,
      kid,
      alg: 'EdDSA',
      use: 'sig',
    });
  }

  /** A compact JWS (RFC 7515) of the JSON text; Ed25519 is deterministic, so is the JWS. */
  async sign(json: string): Promise<string> {
    return new CompactSign(new TextEncoder().encode(json))
      .setProtectedHeader({ alg: 'EdDSA', kid: this.jwk.kid, cty: 'json' })
      .sign(this.privateKey);
  }
}
