import {
  encodeWebhookSecret,
  generateWebhookSecret,
  signWebhook,
} from './standard-webhook-signature';
import { decodeWebhookSecret, verifyWebhook } from './testing/webhook-verifier';

describe('Standard Webhooks signatures', () => {
  // The example of the Standard Webhooks reference libraries' tests.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const key = decodeWebhookSecret(vector.secret)!;

  it('signs `<id>.<timestamp>.<body>` as the reference libraries do', () => {
    expect(signWebhook(key, vector.id, vector.timestamp, vector.body)).toEqual({
      'webhook-id': vector.id,
      'webhook-timestamp': String(vector.timestamp),
      'webhook-signature': vector.signature,
    });
  });

  it('verifies its own signature and any one matching entry of several', () => {
    const headers = signWebhook(key, vector.id, vector.timestamp, vector.body);
    expect(verifyWebhook(key, headers, vector.body, vector.timestamp + 10)).toEqual({
      valid: true,
      id: vector.id,
      timestamp: vector.timestamp,
    });
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(verifyWebhook(key, rotated, vector.body, vector.timestamp).valid).toBe(true);
  });

  it('refuses a changed body, another secret, another id, and missing headers', () => {
    const headers = signWebhook(key, vector.id, vector.timestamp, vector.body);
    const at = vector.timestamp;
    expect(verifyWebhook(key, headers, '{"test": 2432232315}', at)).toEqual({
      valid: false,
      reason: 'no-matching-signature',
    });
    expect(verifyWebhook(generateWebhookSecret(), headers, vector.body, at)).toMatchObject({
      valid: false,
    });
    expect(
      verifyWebhook(key, { ...headers, 'webhook-id': 'msg_other' }, vector.body, at),
    ).toMatchObject({ valid: false, reason: 'no-matching-signature' });
    expect(
      verifyWebhook(key, { 'webhook-id': vector.id, 'webhook-timestamp': '1' }, vector.body, at),
    ).toEqual({ valid: false, reason: 'missing-headers' });
  });

  it('refuses timestamps more than five minutes from the clock, and malformed ones', () => {
    const headers = signWebhook(key, vector.id, vector.timestamp, vector.body);
    const { timestamp } = vector;
    expect(verifyWebhook(key, headers, vector.body, timestamp + 301)).toMatchObject({
      reason: 'timestamp-too-old',
    });
    expect(verifyWebhook(key, headers, vector.body, timestamp - 301)).toMatchObject({
      reason: 'timestamp-too-new',
    });
    expect(
      verifyWebhook(key, { ...headers, 'webhook-timestamp': '1e9' }, vector.body, timestamp),
    ).toMatchObject({ reason: 'invalid-timestamp' });
  });

  it('writes a 32-byte secret as whsec_ base64 and reads it back', () => {
    const secret = generateWebhookSecret();
    expect(secret).toHaveLength(32);
    const encoded = encodeWebhookSecret(secret);
    expect(encoded).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeWebhookSecret(encoded)).toEqual(secret);
    expect(decodeWebhookSecret('whsec_not base64!')).toBeUndefined();
  });
});
