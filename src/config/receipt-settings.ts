import { join, resolve } from 'node:path';
import { type EnvReader, quote } from './env-reader';

/**
 * What consent receipts and consent records say about the controller (issue #19, ADR 0043),
 * and where the key that signs receipts lives. One set per deployment: the policy has no
 * controller of its own yet.
 */
export interface ReceiptSettings {
  readonly signingKey: {
    /** Absolute path of the 32-byte receipt key seed, mode 0600; never the checkpoint key. */
    readonly file: string;
    /** True for the default file in KEYS_DIR, generated on first start; a named file must exist. */
    readonly createIfMissing: boolean;
  };
  /** Kantara `jurisdiction`, DPV `hasJurisdiction`: e.g. `EU`, an ISO 3166 code. */
  readonly jurisdiction: string;
  /** Kantara `language` (BCP 47). */
  readonly language: string;
  /** The privacy notice the subject was shown. */
  readonly policyUrl: string;
  readonly controller: ReceiptController;
}

export interface ReceiptController {
  readonly name: string;
  readonly contact: string;
  readonly email: string;
  readonly phone: string;
  readonly streetAddress: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly url: string | undefined;
}

const RECEIPT_SIGNING_KEY_FILE = 'receipt-signing.key';
const ANY_URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const HTTPS_URL = /^https?:\/\/[^\s]+$/;
const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Reads the `RECEIPT_*` variables; problems go to `read` like every other setting. */
export function readReceiptSettings(read: EnvReader, keysDir: string): ReceiptSettings {
  const file = read.text('RECEIPT_SIGNING_KEY_FILE');
  const scheme = file === undefined ? undefined : ANY_URL_SCHEME.exec(file)?.[1];
  if (scheme !== undefined) {
    read.reject(`RECEIPT_SIGNING_KEY_FILE must be a file path, got a "${scheme}://" URL`);
  }
  const url = (name: string, fallback: string | undefined) => {
    const value = read.text(name) ?? fallback;
    if (value !== undefined && !HTTPS_URL.test(value)) {
      read.reject(`${name} must be an http(s) URL, got ${quote(value)}`);
    }
    return value;
  };
  const matching = (name: string, pattern: RegExp, what: string, fallback: string) => {
    const value = read.text(name) ?? fallback;
    if (!pattern.test(value)) read.reject(`${name} must be ${what}, got ${quote(value)}`);
    return value;
  };
  return {
    signingKey:
      file === undefined
        ? { file: join(keysDir, RECEIPT_SIGNING_KEY_FILE), createIfMissing: true }
        : { file: resolve(file), createIfMissing: false },
    jurisdiction: read.text('RECEIPT_JURISDICTION') ?? 'EU',
    language: matching('RECEIPT_LANGUAGE', LANGUAGE, 'a BCP 47 language tag', 'en'),
    policyUrl: url('RECEIPT_POLICY_URL', 'https://consent-ledger.local/privacy-policy') ?? '',
    controller: {
      name: read.text('RECEIPT_CONTROLLER_NAME') ?? 'The operator of this consent ledger',
      contact: read.text('RECEIPT_CONTROLLER_CONTACT') ?? 'Data protection officer',
      email: read.text('RECEIPT_CONTROLLER_EMAIL') ?? 'privacy@consent-ledger.local',
      phone: read.text('RECEIPT_CONTROLLER_PHONE') ?? 'not published',
      streetAddress: read.text('RECEIPT_CONTROLLER_ADDRESS') ?? 'not published',
      country: matching(
        'RECEIPT_CONTROLLER_COUNTRY',
        COUNTRY,
        'an ISO 3166-1 alpha-2 code in capitals',
        'ZZ',
      ),
      url: url('RECEIPT_CONTROLLER_URL', undefined),
    },
  };
}
