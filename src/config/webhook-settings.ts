import { isIP } from 'node:net';
import { type EnvReader, quote } from './env-reader';

/** How erasure webhooks reach processors (ADR 0015). */
export interface WebhookSettings {
  /** Deliver from this process. Off, deliveries wait in the outbox for a process that does. */
  readonly dispatch: boolean;
  /** Accept `http:` targets; only for tests and closed networks. */
  readonly allowHttp: boolean;
  /** Host names (lower-case) whose addresses are not checked against the refused ranges. */
  readonly allowedHosts: readonly string[];
  /** Address ranges (CIDR) that are accepted although they lie in a refused range. */
  readonly allowedCidrs: readonly string[];
  readonly connectTimeoutMs: number;
  /** From the request's start until the response's status and first few KB are read. */
  readonly responseTimeoutMs: number;
  /** A delivery is given up (state `failed`) after this many failed attempts. */
  readonly maxAttempts: number;
  /** Backoff before retry n is random in [c/2, c], c = min(max, base · 2^(n-1)) ("equal jitter"). */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** How often the dispatcher looks for due deliveries. */
  readonly pollIntervalMs: number;
  /** How often a delivery without a configured webhook looks again (configuring wakes it). */
  readonly unconfiguredRecheckMs: number;
}

const BOOLEANS = ['true', 'false'] as const;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Reads the `WEBHOOK_*` variables; problems go to `read` like every other setting. */
export function readWebhookSettings(read: EnvReader): WebhookSettings {
  const { hosts, cidrs } = readAllowList(read);
  const retryBaseMs = read.integer('WEBHOOK_RETRY_BASE_MS', {
    min: 1,
    max: 86_400_000,
    fallback: 10_000,
  });
  const retryMaxMs = read.integer('WEBHOOK_RETRY_MAX_MS', {
    min: 1,
    max: 86_400_000,
    fallback: 3_600_000,
  });
  if (retryMaxMs < retryBaseMs) {
    read.reject(
      `WEBHOOK_RETRY_MAX_MS must be at least WEBHOOK_RETRY_BASE_MS (${retryBaseMs}), got ${retryMaxMs}`,
    );
  }
  return {
    dispatch: read.oneOf('WEBHOOK_DISPATCH', BOOLEANS, 'true') === 'true',
    allowHttp: read.oneOf('WEBHOOK_ALLOW_HTTP', BOOLEANS, 'false') === 'true',
    allowedHosts: hosts,
    allowedCidrs: cidrs,
    connectTimeoutMs: read.integer('WEBHOOK_CONNECT_TIMEOUT_MS', {
      min: 1,
      max: 60_000,
      fallback: 5000,
    }),
    responseTimeoutMs: read.integer('WEBHOOK_RESPONSE_TIMEOUT_MS', {
      min: 1,
      max: 120_000,
      fallback: 15_000,
    }),
    maxAttempts: read.integer('WEBHOOK_MAX_ATTEMPTS', { min: 1, max: 100, fallback: 15 }),
    retryBaseMs,
    retryMaxMs,
    pollIntervalMs: read.integer('WEBHOOK_POLL_INTERVAL_MS', {
      min: 1,
      max: 600_000,
      fallback: 1000,
    }),
    unconfiguredRecheckMs: read.integer('WEBHOOK_UNCONFIGURED_RECHECK_MS', {
      min: 1,
      max: 86_400_000,
      fallback: 60_000,
    }),
  };
}

/** `WEBHOOK_ALLOWED_HOSTS`: comma-separated host names, IP addresses and CIDR ranges. */
function readAllowList(read: EnvReader): { hosts: string[]; cidrs: string[] } {
  const hosts: string[] = [];
  const cidrs: string[] = [];
  const value = read.text('WEBHOOK_ALLOWED_HOSTS');
  if (value === undefined) return { hosts, cidrs };
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const cidr = asCidr(entry);
    if (cidr !== undefined) cidrs.push(cidr);
    else if (HOST_NAME.test(entry)) hosts.push(entry);
    else {
      read.reject(
        `WEBHOOK_ALLOWED_HOSTS must be comma-separated host names, IP addresses or CIDR ranges, got ${quote(entry)}`,
      );
    }
  }
  return { hosts, cidrs };
}

/** An IP address (as a single-address range) or a CIDR range, normalised; else undefined. */
function asCidr(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return undefined;
  return `${address}/${Number(prefix)}`;
}
