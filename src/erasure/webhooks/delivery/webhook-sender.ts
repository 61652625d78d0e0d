import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { ResolvedAddress } from '../safety/host-resolver';
import { hostOf } from '../safety/webhook-target';

/** Most of a response that is read: enough to let the server finish, never kept. */
export const MAX_RESPONSE_BYTES = 4096;

export interface WebhookRequest {
  readonly url: URL;
  /** The checked address: the connection goes there and nowhere else. */
  readonly address: ResolvedAddress;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
}

/** What became of one attempt: a status, or the kind of failure. Never the response body. */
export type SendOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'http-status' | 'redirect'; readonly status: number }
  | { readonly kind: 'connect-timeout' | 'response-timeout' }
  | { readonly kind: 'connect-error' | 'tls-error' | 'network-error' };

/**
 * One POST of a webhook. The socket connects to the checked address (a DNS answer that
 * changed since the check, "rebinding", cannot redirect it); TLS still verifies the
 * certificate against the URL's host name. Redirects are not followed (3xx is a failed
 * attempt); connecting and the whole exchange have their own time limits; at most
 * `MAX_RESPONSE_BYTES` of the answer are read and dropped. Never throws.
 */
export function sendWebhook(request: WebhookRequest): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const { url, address, body } = request;
    const secure = url.protocol === 'https:';
    const host = hostOf(url);
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      req.destroy();
      resolve(outcome);
    };
    const req = (secure ? https : http).request({
      method: 'POST',
      protocol: url.protocol,
      hostname: host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'consent-ledger-webhooks/1',
      },
      agent: false,
      lookup: pinnedLookup(address),
      ...(secure && isIP(host) === 0 ? { servername: host } : {}),
    });
    const connectTimer = setTimeout(
      () => finish({ kind: 'connect-timeout' }),
      request.connectTimeoutMs,
    );
    const responseTimer = setTimeout(
      () => finish({ kind: 'response-timeout' }),
      request.responseTimeoutMs,
    );
    req.on('socket', (socket) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error) => finish({ kind: failureKindOf(error) }));
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const outcome: SendOutcome =
        status >= 200 && status < 300
          ? { kind: 'delivered', status }
          : status >= 300 && status < 400
            ? { kind: 'redirect', status }
            : { kind: 'http-status', status };
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= MAX_RESPONSE_BYTES) finish(outcome);
      });
      response.on('end', () => finish(outcome));
      response.on('error', () => finish(outcome));
    });
    req.end(body);
  });
}

/** A `lookup` that answers every question with the checked address. */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
}

function failureKindOf(error: Error): 'connect-error' | 'tls-error' | 'network-error' {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|TLS|SSL|SELF_SIGNED/.test(code)) return 'tls-error';
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)) {
    return 'connect-error';
  }
  return 'network-error';
}
