import { join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function errorLine(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to reject the environment');
}

describe('RECEIPT_* settings', () => {
  it('defaults to a key file in KEYS_DIR, generated on first start, and placeholder controller details', () => {
    const { receipts } = loadConfig({ KEYS_DIR: '/srv/keys' });
    expect(receipts.signingKey).toEqual({
      file: join('/srv/keys', 'receipt-signing.key'),
      createIfMissing: true,
    });
    expect(receipts).toMatchObject({ jurisdiction: 'EU', language: 'en' });
    expect(receipts.controller.url).toBeUndefined();
  });

  it('reads every variable; a named key file must exist', () => {
    const { receipts } = loadConfig({
      RECEIPT_SIGNING_KEY_FILE: 'secrets/receipt.key',
      RECEIPT_JURISDICTION: 'CH',
      RECEIPT_LANGUAGE: 'de-CH',
      RECEIPT_POLICY_URL: 'https://drones.example/privacy',
      RECEIPT_CONTROLLER_NAME: 'Example Drones Ltd',
      RECEIPT_CONTROLLER_CONTACT: 'DPO',
      RECEIPT_CONTROLLER_EMAIL: 'dpo@drones.example',
      RECEIPT_CONTROLLER_PHONE: '+41 44 000 00 00',
      RECEIPT_CONTROLLER_ADDRESS: 'Example Street 1, Zurich',
      RECEIPT_CONTROLLER_COUNTRY: 'CH',
      RECEIPT_CONTROLLER_URL: 'https://drones.example',
    });
    expect(receipts).toEqual({
      signingKey: { file: resolve('secrets/receipt.key'), createIfMissing: false },
      jurisdiction: 'CH',
      language: 'de-CH',
      policyUrl: 'https://drones.example/privacy',
      controller: {
        name: 'Example Drones Ltd',
        contact: 'DPO',
        email: 'dpo@drones.example',
        phone: '+41 44 000 00 00',
        streetAddress: 'Example Street 1, Zurich',
        country: 'CH',
        url: 'https://drones.example',
      },
    });
  });

  it('names every refused variable at once', () => {
    const line = errorLine({
      RECEIPT_SIGNING_KEY_FILE: 'file:///srv/receipt.key',
      RECEIPT_LANGUAGE: 'English',
      RECEIPT_POLICY_URL: 'ftp://drones.example/privacy',
      RECEIPT_CONTROLLER_COUNTRY: 'ch',
    });
    for (const name of [
      'RECEIPT_SIGNING_KEY_FILE',
      'RECEIPT_LANGUAGE',
      'RECEIPT_POLICY_URL',
      'RECEIPT_CONTROLLER_COUNTRY',
    ]) {
      expect(line).toContain(name);
    }
  });
});
