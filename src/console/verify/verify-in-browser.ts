import {
  formatFailure,
  NoteError,
  parseVerifierKey,
  UnusableInputError,
  verifyBundleLines,
  type NoteVerifier,
  type VerificationSummary,
} from '../../audit/verify/browser/index';
import { checkAskedSignatures } from './node-crypto';

export type BrowserVerdict =
  | { readonly kind: 'unusable'; readonly message: string }
  | {
      readonly kind: 'verified' | 'failed';
      readonly failures: readonly string[];
      readonly summary: VerificationSummary;
    };

/**
 * Verifies an export bundle's text with the auditor's verifier key text, in the browser, by
 * the verifier's own core (the code `consent-ledger verify` runs; docs/adr/0045). Failures
 * are the lines the CLI prints for them.
 */
export async function verifyInBrowser(bundle: string, keyText: string): Promise<BrowserVerdict> {
  let key: NoteVerifier;
  try {
    key = parseVerifierKey(keyText.trim());
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return { kind: 'unusable', message: `the key is not verifier key text: ${error.message}` };
  }
  // Lines as readline gives them to the CLI: no line after the last newline.
  const lines = bundle.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  try {
    // A first pass over the header asks for the checkpoint's signature; WebCrypto checks it.
    await verifyBundleLines(lines.slice(0, 1), key, { onFailure: () => undefined });
    await checkAskedSignatures();
    const failures: string[] = [];
    const summary = await verifyBundleLines(lines, key, {
      onFailure: (failure) => failures.push(formatFailure(failure)),
    });
    return { kind: summary.failures === 0 ? 'verified' : 'failed', failures, summary };
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
    return { kind: 'unusable', message: error.message };
  }
}
