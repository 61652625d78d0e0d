import type { EnvReader } from './env-reader';

/** One route class's budget (ADR 0024). */
interface RouteClassLimits {
  /** Most requests of the class running at once (the ceiling of its adaptive limit). */
  readonly maxInFlight: number;
  /** Requests waiting for a slot; beyond that, 503 at once. */
  readonly maxQueued: number;
  /** Longest a request waits for a slot before it is answered 503 without running. */
  readonly queueTimeoutMs: number;
}

/** Admission control in front of every route but the probes (ADR 0024). */
export interface LoadSheddingSettings {
  /** Off: every request runs, however many are in flight (benchmarks of the unprotected service). */
  readonly enabled: boolean;
  readonly commands: RouteClassLimits;
  readonly reads: RouteClassLimits;
  readonly exports: RouteClassLimits;
  /**
   * The event-loop delay (ms) the limits keep under: a window later than this lowers every
   * class's limit, a timely one raises it back towards its ceiling; 0: fixed limits.
   */
  readonly eventLoopDelayMs: number;
  /** How often the event-loop delay is judged and the limits moved. */
  readonly eventLoopWindowMs: number;
  /** The `Retry-After` of a shed answer, in seconds. */
  readonly retryAfterSeconds: number;
}

/** Node's HTTP server bounds: how long a client may take, and how long a socket may idle. */
export interface HttpServerBounds {
  /** Longest a client may take to send a whole request (headers and body); 0: no limit. */
  readonly requestTimeoutMs: number;
  /** A socket with no traffic this long is closed, whatever it is doing; 0: never. */
  readonly connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** A keep-alive connection is closed after this many requests; 0: no limit. */
  readonly maxRequestsPerSocket: number;
  /**
   * A second port serving only /health, /ready and /metrics, so that probes never wait
   * behind the main port's connections; undefined: probes use the main port.
   */
  readonly probePort: number | undefined;
  /** On the probe port, `/health` fails once the main event loop has not run for this long. */
  readonly probeMaxStallMs: number;
}

export interface OverloadSettings {
  readonly shedding: LoadSheddingSettings;
  readonly server: HttpServerBounds;
}

const BOOLEANS = ['true', 'false'] as const;

/**
 * Defaults measured on a 2-core machine with the SQLite store (`npm run bench -- overload`,
 * ADR 0024): enough slots for each class to reach its full rate, waits short enough that a
 * shed answer comes well within a second.
 */
const DEFAULTS = {
  commands: { maxInFlight: 64, maxQueued: 128, queueTimeoutMs: 250 },
  reads: { maxInFlight: 64, maxQueued: 256, queueTimeoutMs: 250 },
  exports: { maxInFlight: 2, maxQueued: 4, queueTimeoutMs: 1000 },
} as const;

/**
 * Reads `LOAD_SHEDDING*`, `HTTP_*_TIMEOUT_MS`, `HTTP_MAX_REQUESTS_PER_SOCKET`, `PROBE_PORT`
 * and `PROBE_MAX_STALL_MS`.
 */
export function readOverloadSettings(read: EnvReader): OverloadSettings {
  const shedding: LoadSheddingSettings = {
    enabled: read.oneOf('LOAD_SHEDDING', BOOLEANS, 'true') === 'true',
    commands: readClass(read, 'COMMANDS', DEFAULTS.commands),
    reads: readClass(read, 'READS', DEFAULTS.reads),
    exports: readClass(read, 'EXPORTS', DEFAULTS.exports),
    eventLoopDelayMs: read.integer('LOAD_SHEDDING_EVENT_LOOP_DELAY_MS', {
      min: 0,
      max: 10_000,
      fallback: 50,
    }),
    eventLoopWindowMs: read.integer('LOAD_SHEDDING_EVENT_LOOP_WINDOW_MS', {
      min: 50,
      max: 10_000,
      fallback: 250,
    }),
    retryAfterSeconds: read.integer('LOAD_SHEDDING_RETRY_AFTER_S', {
      min: 1,
      max: 3600,
      fallback: 1,
    }),
  };
  const server: HttpServerBounds = {
    requestTimeoutMs: read.integer('HTTP_REQUEST_TIMEOUT_MS', {
      min: 0,
      max: 3_600_000,
      fallback: 30_000,
    }),
    connectionTimeoutMs: read.integer('HTTP_CONNECTION_TIMEOUT_MS', {
      min: 0,
      max: 3_600_000,
      fallback: 120_000,
    }),
    keepAliveTimeoutMs: read.integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', {
      min: 1,
      max: 3_600_000,
      fallback: 72_000,
    }),
    maxRequestsPerSocket: read.integer('HTTP_MAX_REQUESTS_PER_SOCKET', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    }),
    probePort:
      read.text('PROBE_PORT') === undefined
        ? undefined
        : read.integer('PROBE_PORT', { min: 0, max: 65535, fallback: 0 }),
    probeMaxStallMs: read.integer('PROBE_MAX_STALL_MS', {
      min: 100,
      max: 600_000,
      fallback: 10_000,
    }),
  };
  return { shedding, server };
}

/**
 * Settings that depend on others: the socket idle timeout must outlast the longest a handler
 * may legitimately stay silent, a read-your-writes wait (otherwise such a read would lose its
 * connection instead of its answer); the probe port cannot be the main port.
 */
export function checkOverloadSettings(
  read: EnvReader,
  config: {
    readonly readYourWritesTimeoutMs: number;
    readonly http: { readonly port: number };
    readonly overload: OverloadSettings;
  },
): void {
  const { connectionTimeoutMs, probePort } = config.overload.server;
  if (connectionTimeoutMs !== 0 && connectionTimeoutMs <= config.readYourWritesTimeoutMs) {
    read.reject(
      `HTTP_CONNECTION_TIMEOUT_MS must be 0 (never) or longer than READ_YOUR_WRITES_TIMEOUT_MS (${config.readYourWritesTimeoutMs}), got ${connectionTimeoutMs}`,
    );
  }
  if (probePort !== undefined && probePort === config.http.port) {
    read.reject(`PROBE_PORT must differ from PORT (${config.http.port}), got ${probePort}`);
  }
}

function readClass(read: EnvReader, name: string, fallback: RouteClassLimits): RouteClassLimits {
  const prefix = `LOAD_SHEDDING_${name}`;
  return {
    maxInFlight: read.integer(`${prefix}_CONCURRENCY`, {
      min: 1,
      max: 100_000,
      fallback: fallback.maxInFlight,
    }),
    maxQueued: read.integer(`${prefix}_QUEUE`, {
      min: 0,
      max: 100_000,
      fallback: fallback.maxQueued,
    }),
    queueTimeoutMs: read.integer(`${prefix}_QUEUE_TIMEOUT_MS`, {
      min: 1,
      max: 60_000,
      fallback: fallback.queueTimeoutMs,
    }),
  };
}
