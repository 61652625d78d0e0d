import { isIP } from 'node:net';
import { allowedAddressesOf } from './allowed-addresses';
import type { HostResolver, ResolvedAddress } from './host-resolver';
import { ipAddressOf } from './ip-address';
import { refusedBlockOf } from './refused-addresses';

/** What `WEBHOOK_*` settings say about acceptable targets. */
export interface TargetRules {
  readonly allowHttp: boolean;
  readonly allowedHosts: readonly string[];
  readonly allowedCidrs: readonly string[];
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** A target that passed: connect to `address` (pinned), never to a fresh resolution. */
interface CheckedTarget {
  readonly ok: true;
  readonly url: URL;
  readonly address: ResolvedAddress;
}

type TargetRefusalKind = 'invalid-url' | 'scheme' | 'unresolvable' | 'refused-address';

interface RefusedTarget {
  readonly ok: false;
  readonly kind: TargetRefusalKind;
  /** Says what to change; names no address (an operator's network layout stays private). */
  readonly message: string;
}

/**
 * The webhook safety rules (issue #6, ADR 0015), checked when a webhook is configured and
 * again before every delivery: an absolute `https:` URL (`http:` only where allowed) without
 * credentials, whose host resolves, and every address of which is a public one — in no
 * special-purpose block (special-purpose-addresses.ts, docs/adr/0025) — unless the host or
 * the address is allow-listed. Checking *every* address matters: a connection could
 * otherwise land on the one that is not checked.
 */
export async function checkWebhookTarget(
  raw: string,
  rules: TargetRules,
  resolve: HostResolver,
): Promise<CheckedTarget | RefusedTarget> {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH || !URL.canParse(raw)) {
    return refuse(
      'invalid-url',
      `url must be an absolute URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters`,
    );
  }
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowHttp)) {
    return refuse('scheme', rules.allowHttp ? 'url must use https or http' : 'url must use https');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('invalid-url', 'url must not carry credentials: deliveries are signed instead');
  }
  url.hash = '';
  const host = hostOf(url);
  const addresses = await addressesOf(host, resolve);
  const first = addresses[0];
  if (first === undefined) return refuse('unresolvable', 'url names a host that does not resolve');
  if (!rules.allowedHosts.includes(host)) {
    const allowed = allowedAddressesOf(rules.allowedCidrs);
    for (const { address } of addresses) {
      const ip = ipAddressOf(address);
      if (ip !== undefined && allowed.includes(ip)) continue;
      // A resolver answer that is not an address at all is refused like a reserved one.
      const kind = ip === undefined ? 'reserved' : refusedBlockOf(ip)?.kind;
      if (kind !== undefined) {
        return refuse(
          'refused-address',
          `url names a host that resolves to a ${kind} address; only public addresses are allowed unless WEBHOOK_ALLOWED_HOSTS lists it`,
        );
      }
    }
  }
  return { ok: true, url, address: first };
}

/** The host name without the brackets of an IPv6 literal, lower-cased. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

async function addressesOf(
  host: string,
  resolve: HostResolver,
): Promise<readonly ResolvedAddress[]> {
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family: family === 6 ? 6 : 4 }];
  try {
    return await resolve(host);
  } catch {
    return [];
  }
}

function refuse(kind: TargetRefusalKind, message: string): RefusedTarget {
  return { ok: false, kind, message };
}
