/**
 * Headers on every console asset (docs/adr/0040). The page loads its script, stylesheet and
 * data from the service only; no inline script or style runs, no other site may frame it,
 * and the API key it holds is never sent on as a Referer.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Assets are rebuilt in place; the page must never run an older script than the service's.
  'cache-control': 'no-cache',
};
