import { join, resolve } from 'node:path';
import {
  type AppConfig,
  type AuditSettings,
  type EventStoreKind,
  type KeyStoreKind,
  LOG_LEVELS,
  type ReadStoreKind,
  type StoreLocation,
} from './app-config';
import { type Env, EnvReader, quote } from './env-reader';
import { checkOverloadSettings, readOverloadSettings } from './overload-settings';
import { readAuth } from './read-auth';
import { readReceiptSettings } from './receipt-settings';
import { parseStoreUrl } from './store-url';
import { readWebhookSettings } from './webhook-settings';

const MIB = 1024 * 1024;

const EVENT_STORE_URLS =
  'a file path, a sqlite: URL, a postgres:// or postgresql:// URL, or a kurrentdb:// or esdb:// URL (optionally +discover)';
const READ_STORE_URLS = 'a file path, a sqlite: URL, or a postgres:// or postgresql:// URL';
const KEY_STORE_URLS = 'a file path, a sqlite: URL, or a postgres:// or postgresql:// URL';
const ANY_URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const BOOLEANS = ['true', 'false'] as const;
const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A host name, optionally with a port and a path: a note key name without spaces or `+`. */
const ORIGIN_HOST = /^[A-Za-z0-9](?:[A-Za-z0-9._~:/-]{0,198}[A-Za-z0-9._~-])?$/;
const CHECKPOINT_SIGNING_KEY_FILE = 'checkpoint-signing.key';

/**
 * Reads the service settings from `env` (normally `process.env`). Pure apart from resolving
 * relative paths against the working directory; throws a `ConfigError` whose message is one
 * line naming every bad variable and what it accepts.
 */
export function loadConfig(env: Env): AppConfig {
  const read = new EnvReader(env);

  const dataDir = resolve(read.text('DATA_DIR') ?? 'data');
  const eventStore = readEventStore(read, dataDir);
  const readStore = readReadStore(read, dataDir, eventStore);
  const keys = { store: readKeyStore(read, dataDir, eventStore), dir: readKeysDir(read, dataDir) };

  const host = read.text('HOST') ?? '127.0.0.1';
  if (/\s/.test(host) || host.length > 253) {
    read.reject(`HOST must be a host name or IP address without spaces, got ${quote(host)}`);
  }

  const config: AppConfig = {
    dataDir,
    eventStore,
    readStore,
    keys,
    http: {
      host,
      port: read.integer('PORT', { min: 1, max: 65535, fallback: 3000 }),
      bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', { min: 1, max: 64 * MIB, fallback: MIB }),
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    maxEventBytes: read.integer('MAX_EVENT_BYTES', { min: 1, max: 16 * MIB, fallback: MIB }),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', {
      min: 1,
      max: 600_000,
      fallback: 10_000,
    }),
    readyMaxLagSeconds: read.integer('READY_MAX_LAG_SECONDS', {
      min: 1,
      max: 86_400,
      fallback: 30,
    }),
    readyMaxLagEvents:
      read.text('READY_MAX_LAG_EVENTS') === undefined
        ? undefined
        : read.integer('READY_MAX_LAG_EVENTS', {
            min: 0,
            max: Number.MAX_SAFE_INTEGER,
            fallback: 0,
          }),
    readYourWritesTimeoutMs: read.integer('READ_YOUR_WRITES_TIMEOUT_MS', {
      min: 0,
      max: 60_000,
      fallback: 5000,
    }),
    consent: {
      defaultTenant: readTenant(read),
      seedExamplePolicy: read.oneOf('SEED_EXAMPLE_POLICY', BOOLEANS, 'true') === 'true',
      allowBackdatedImports: read.oneOf('ALLOW_BACKDATED_IMPORTS', BOOLEANS, 'false') === 'true',
      maxClockSkewMs: read.integer('MAX_CLOCK_SKEW_MS', {
        min: 0,
        max: 3_600_000,
        fallback: 120_000,
      }),
    },
    audit: readAudit(read, keys.dir),
    auth: readAuth(read),
    webhooks: readWebhookSettings(read),
    overload: readOverloadSettings(read),
    feed: {
      heartbeatMs: read.integer('FEED_HEARTBEAT_MS', { min: 10, max: 3_600_000, fallback: 15_000 }),
      streamBufferChanges: read.integer('FEED_STREAM_BUFFER_CHANGES', {
        min: 1,
        max: 1_000_000,
        fallback: 1000,
      }),
      maxStreams: read.integer('FEED_MAX_STREAMS', { min: 0, max: 100_000, fallback: 1000 }),
    },
    receipts: readReceiptSettings(read, keys.dir),
  };
  checkOverloadSettings(read, config);
  read.assertValid();
  return deepFreeze(config);
}

function readEventStore(read: EnvReader, dataDir: string): StoreLocation<EventStoreKind> {
  const fallback: StoreLocation<EventStoreKind> = {
    kind: 'sqlite',
    url: join(dataDir, 'events.sqlite'),
  };
  const value = read.text('EVENT_STORE_URL');
  if (value === undefined) return fallback;
  const parsed = parseStoreUrl('EVENT_STORE_URL', value, EVENT_STORE_URLS);
  if ('problem' in parsed) {
    read.reject(parsed.problem);
    return fallback;
  }
  return parsed;
}

/** The read model sits beside the events on PostgreSQL; otherwise it gets its own SQLite file. */
function readReadStore(
  read: EnvReader,
  dataDir: string,
  eventStore: StoreLocation<EventStoreKind>,
): StoreLocation<ReadStoreKind> {
  const fallback: StoreLocation<ReadStoreKind> =
    eventStore.kind === 'postgres'
      ? { kind: 'postgres', url: eventStore.url }
      : { kind: 'sqlite', url: join(dataDir, 'read.sqlite') };
  const value = read.text('READ_STORE_URL');
  if (value === undefined) return fallback;
  const parsed = parseStoreUrl('READ_STORE_URL', value, READ_STORE_URLS);
  if ('problem' in parsed) {
    read.reject(parsed.problem);
    return fallback;
  }
  if (parsed.kind === 'kurrentdb') {
    read.reject(`READ_STORE_URL must be ${READ_STORE_URLS}, got a KurrentDB URL`);
    return fallback;
  }
  return { kind: parsed.kind, url: parsed.url };
}

/**
 * Keys sit beside the events on PostgreSQL (in their own schema); otherwise they get their own
 * SQLite file, so deleting or restoring the event log never touches them.
 */
function readKeyStore(
  read: EnvReader,
  dataDir: string,
  eventStore: StoreLocation<EventStoreKind>,
): StoreLocation<KeyStoreKind> {
  const fallback: StoreLocation<KeyStoreKind> =
    eventStore.kind === 'postgres'
      ? { kind: 'postgres', url: eventStore.url }
      : { kind: 'sqlite', url: join(dataDir, 'keys.sqlite') };
  const value = read.text('KEY_STORE_URL');
  if (value === undefined) return fallback;
  const parsed = parseStoreUrl('KEY_STORE_URL', value, KEY_STORE_URLS);
  if ('problem' in parsed) {
    read.reject(parsed.problem);
    return fallback;
  }
  if (parsed.kind === 'kurrentdb') {
    read.reject(`KEY_STORE_URL must be ${KEY_STORE_URLS}, got a KurrentDB URL`);
    return fallback;
  }
  return { kind: parsed.kind, url: parsed.url };
}

/** A local directory: an external KMS is a different adapter, not a URL in this variable. */
function readKeysDir(read: EnvReader, dataDir: string): string {
  const fallback = join(dataDir, 'keys');
  const value = read.text('KEYS_DIR');
  if (value === undefined) return fallback;
  const scheme = ANY_URL_SCHEME.exec(value)?.[1];
  if (scheme !== undefined) {
    read.reject(`KEYS_DIR must be a directory path, got a "${scheme}://" URL`);
    return fallback;
  }
  return resolve(value);
}

function readTenant(read: EnvReader): string {
  const value = read.text('DEFAULT_TENANT') ?? 'default';
  if (!TENANT_ID.test(value)) {
    read.reject(
      `DEFAULT_TENANT must be 1 to 63 lower-case letters, digits and "-", starting with a letter or digit, got ${quote(value)}`,
    );
    return 'default';
  }
  return value;
}

function readAudit(read: EnvReader, keysDir: string): AuditSettings {
  const originHost = read.text('CHECKPOINT_ORIGIN_HOST') ?? 'consent-ledger.local';
  if (!ORIGIN_HOST.test(originHost) || originHost.includes('//')) {
    read.reject(
      `CHECKPOINT_ORIGIN_HOST must be a host name, optionally with a port and a path (letters, digits, ".-_~:/"), got ${quote(originHost)}`,
    );
  }
  const file = read.text('CHECKPOINT_SIGNING_KEY_FILE');
  const scheme = file === undefined ? undefined : ANY_URL_SCHEME.exec(file)?.[1];
  if (scheme !== undefined) {
    read.reject(`CHECKPOINT_SIGNING_KEY_FILE must be a file path, got a "${scheme}://" URL`);
  }
  return {
    originHost,
    checkpointEveryEvents: read.integer('CHECKPOINT_EVERY_EVENTS', {
      min: 1,
      max: 100_000_000,
      fallback: 1000,
    }),
    checkpointEveryMs: read.integer('CHECKPOINT_EVERY_MS', {
      min: 10,
      max: 86_400_000,
      fallback: 10_000,
    }),
    exportMaxEvents: read.integer('EXPORT_MAX_EVENTS', {
      min: 1,
      max: 10_000_000,
      fallback: 10_000,
    }),
    signingKey:
      file === undefined
        ? { file: join(keysDir, CHECKPOINT_SIGNING_KEY_FILE), createIfMissing: true }
        : { file: resolve(file), createIfMissing: false },
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
