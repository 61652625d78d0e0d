/**
 * The credential lives in this tab's sessionStorage only: never in localStorage, a cookie
 * or a URL, so it goes when the tab closes or the auditor signs out (issue #16).
 */
const CREDENTIAL_KEY = 'consent-ledger.console.credential';

export function storedCredential(): string | undefined {
  return sessionStorage.getItem(CREDENTIAL_KEY) ?? undefined;
}

export function storeCredential(credential: string): void {
  sessionStorage.setItem(CREDENTIAL_KEY, credential);
}

export function forgetCredential(): void {
  sessionStorage.removeItem(CREDENTIAL_KEY);
}
