import { join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function errorLine(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected loadConfig to reject the environment');
}

describe('loadConfig', () => {
  describe('given an empty environment', () => {
    const config = loadConfig({});
    const dataDir = resolve('data');

    it('uses the documented defaults', () => {
      expect(config).toEqual({
        dataDir,
        eventStore: { kind: 'sqlite', url: join(dataDir, 'events.sqlite') },
        readStore: { kind: 'sqlite', url: join(dataDir, 'read.sqlite') },
        keys: {
          store: { kind: 'sqlite', url: join(dataDir, 'keys.sqlite') },
          dir: join(dataDir, 'keys'),
        },
        http: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 1_048_576 },
        logLevel: 'info',
        maxEventBytes: 1_048_576,
        shutdownTimeoutMs: 10_000,
        readyMaxLagSeconds: 30,
        readyMaxLagEvents: undefined,
        readYourWritesTimeoutMs: 5000,
        consent: {
          defaultTenant: 'default',
          seedExamplePolicy: true,
          allowBackdatedImports: false,
          maxClockSkewMs: 120_000,
        },
        audit: {
          originHost: 'consent-ledger.local',
          checkpointEveryEvents: 1000,
          checkpointEveryMs: 10_000,
          exportMaxEvents: 10_000,
          signingKey: {
            file: join(dataDir, 'keys', 'checkpoint-signing.key'),
            createIfMissing: true,
          },
        },
        webhooks: expect.objectContaining({ dispatch: true, allowHttp: false }) as object,
        overload: expect.objectContaining({ shedding: expect.anything() as object }) as object,
        feed: { heartbeatMs: 15_000, streamBufferChanges: 1000, maxStreams: 1000 },
        auth: {
          keyCacheMs: 1000,
          initialAdminKeyFile: undefined,
          oidcIssuers: [],
          rateLimit: { requests: 1000, windowMs: 1000 },
          metricsToken: undefined,
        },
        // Every default of these is pinned by receipt-settings.unit.spec.ts.
        receipts: expect.objectContaining({ jurisdiction: 'EU', language: 'en' }) as object,
      });
    });

    it('is frozen all the way down', () => {
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.http)).toBe(true);
      expect(Object.isFrozen(config.eventStore)).toBe(true);
      expect(Object.isFrozen(config.keys.store)).toBe(true);
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATA_DIR: '/var/lib/ledger',
      EVENT_STORE_URL: 'kurrentdb+discover://a:2113,b:2113?tls=false',
      READ_STORE_URL: 'sqlite:///srv/read.db',
      KEY_STORE_URL: 'postgresql://keys.internal/ledger?schema=ledger_keys',
      KEYS_DIR: '/run/secrets/ledger-keys',
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      MAX_EVENT_BYTES: '2048',
      BODY_LIMIT_BYTES: '4096',
      SHUTDOWN_TIMEOUT_MS: '500',
      READY_MAX_LAG_SECONDS: '90',
      READY_MAX_LAG_EVENTS: '25',
      READ_YOUR_WRITES_TIMEOUT_MS: '250',
      DEFAULT_TENANT: 'acme-drones',
      SEED_EXAMPLE_POLICY: 'false',
      ALLOW_BACKDATED_IMPORTS: 'true',
      MAX_CLOCK_SKEW_MS: '5000',
      CHECKPOINT_ORIGIN_HOST: 'ledger.example.com:8443/audit',
      CHECKPOINT_EVERY_EVENTS: '50',
      CHECKPOINT_EVERY_MS: '2000',
      EXPORT_MAX_EVENTS: '500',
      CHECKPOINT_SIGNING_KEY_FILE: '/run/secrets/checkpoint.key',
      FEED_HEARTBEAT_MS: '250',
      FEED_STREAM_BUFFER_CHANGES: '20',
      FEED_MAX_STREAMS: '3',
    });
    expect(config).toEqual({
      dataDir: '/var/lib/ledger',
      eventStore: { kind: 'kurrentdb', url: 'kurrentdb+discover://a:2113,b:2113?tls=false' },
      readStore: { kind: 'sqlite', url: '/srv/read.db' },
      keys: {
        store: { kind: 'postgres', url: 'postgresql://keys.internal/ledger?schema=ledger_keys' },
        dir: '/run/secrets/ledger-keys',
      },
      http: { host: '0.0.0.0', port: 8080, bodyLimitBytes: 4096 },
      logLevel: 'debug',
      maxEventBytes: 2048,
      shutdownTimeoutMs: 500,
      readyMaxLagSeconds: 90,
      readyMaxLagEvents: 25,
      readYourWritesTimeoutMs: 250,
      consent: {
        defaultTenant: 'acme-drones',
        seedExamplePolicy: false,
        allowBackdatedImports: true,
        maxClockSkewMs: 5000,
      },
      audit: {
        originHost: 'ledger.example.com:8443/audit',
        checkpointEveryEvents: 50,
        checkpointEveryMs: 2000,
        exportMaxEvents: 500,
        signingKey: { file: '/run/secrets/checkpoint.key', createIfMissing: false },
      },
      webhooks: expect.objectContaining({ dispatch: true, allowHttp: false }) as object,
      auth: expect.objectContaining({ oidcIssuers: [] }) as object,
      overload: expect.objectContaining({ shedding: expect.anything() as object }) as object,
      feed: { heartbeatMs: 250, streamBufferChanges: 20, maxStreams: 3 },
      receipts: expect.objectContaining({
        signingKey: { file: '/run/secrets/ledger-keys/receipt-signing.key', createIfMissing: true },
      }) as object,
    });
  });

  it('treats an empty or blank value as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '  ' })).toMatchObject({
      http: { port: 3000 },
      logLevel: 'info',
    });
  });

  describe('store URLs', () => {
    it('puts the default SQLite files under DATA_DIR', () => {
      const config = loadConfig({ DATA_DIR: '/tmp/ledger' });
      expect(config.eventStore.url).toBe('/tmp/ledger/events.sqlite');
      expect(config.readStore.url).toBe('/tmp/ledger/read.sqlite');
      expect(config.keys.store.url).toBe('/tmp/ledger/keys.sqlite');
      expect(config.keys.dir).toBe('/tmp/ledger/keys');
    });

    it('keeps the read model in the same PostgreSQL database by default', () => {
      const url = 'postgres://ledger:pw@db:5432/ledger';
      expect(loadConfig({ EVENT_STORE_URL: url }).readStore).toEqual({ kind: 'postgres', url });
    });

    it('keeps the keys in the same PostgreSQL database by default, but never in KurrentDB', () => {
      const url = 'postgres://ledger:pw@db:5432/ledger';
      expect(loadConfig({ EVENT_STORE_URL: url }).keys.store).toEqual({ kind: 'postgres', url });
      expect(
        loadConfig({ DATA_DIR: '/tmp/ledger', EVENT_STORE_URL: 'esdb://localhost:2113' }).keys
          .store,
      ).toEqual({ kind: 'sqlite', url: '/tmp/ledger/keys.sqlite' });
    });

    it('makes a relative key store path and KEYS_DIR absolute', () => {
      const config = loadConfig({ KEY_STORE_URL: 'sqlite:keys.db', KEYS_DIR: 'secrets/keys' });
      expect(config.keys.store).toEqual({ kind: 'sqlite', url: resolve('keys.db') });
      expect(config.keys.dir).toBe(resolve('secrets/keys'));
    });

    it('keeps the checkpoint signing key in KEYS_DIR unless a file is named, then makes it absolute', () => {
      expect(loadConfig({ KEYS_DIR: '/srv/keys' }).audit.signingKey).toEqual({
        file: '/srv/keys/checkpoint-signing.key',
        createIfMissing: true,
      });
      expect(loadConfig({ CHECKPOINT_SIGNING_KEY_FILE: 'k/sign.key' }).audit.signingKey).toEqual({
        file: resolve('k/sign.key'),
        createIfMissing: false,
      });
    });

    it.each([
      ['postgresql://db/ledger', 'postgres'],
      ['esdb://localhost:2113?tls=false', 'kurrentdb'],
      ['kurrentdb://localhost:2113', 'kurrentdb'],
      ['sqlite:/abs/events.db', 'sqlite'],
      ['/abs/events.db', 'sqlite'],
    ])('accepts %s as %s', (url, kind) => {
      expect(loadConfig({ EVENT_STORE_URL: url }).eventStore.kind).toBe(kind);
    });

    it('makes a relative SQLite path absolute', () => {
      expect(loadConfig({ EVENT_STORE_URL: 'sqlite:events.db' }).eventStore.url).toBe(
        resolve('events.db'),
      );
    });
  });

  describe('rejects each bad setting with one line naming it and what it allows', () => {
    it.each([
      [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535, got "abc"'],
      [{ PORT: '0' }, 'PORT must be an integer from 1 to 65535, got "0"'],
      [{ PORT: '65536' }, 'PORT must be an integer from 1 to 65535, got "65536"'],
      [{ PORT: '80.5' }, 'PORT must be an integer from 1 to 65535, got "80.5"'],
      [{ HOST: 'my host' }, 'HOST must be a host name or IP address without spaces, got "my host"'],
      [
        { LOG_LEVEL: 'verbose' },
        'LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent, got "verbose"',
      ],
      [
        { MAX_EVENT_BYTES: '1e6' },
        'MAX_EVENT_BYTES must be an integer from 1 to 16777216, got "1e6"',
      ],
      [
        { BODY_LIMIT_BYTES: '-1' },
        'BODY_LIMIT_BYTES must be an integer from 1 to 67108864, got "-1"',
      ],
      [
        { SHUTDOWN_TIMEOUT_MS: '0' },
        'SHUTDOWN_TIMEOUT_MS must be an integer from 1 to 600000, got "0"',
      ],
      [
        { READY_MAX_LAG_EVENTS: 'lots' },
        'READY_MAX_LAG_EVENTS must be an integer of at least 0, got "lots"',
      ],
      [
        { READY_MAX_LAG_SECONDS: '0' },
        'READY_MAX_LAG_SECONDS must be an integer from 1 to 86400, got "0"',
      ],
      [
        { READY_MAX_LAG_SECONDS: '2.5' },
        'READY_MAX_LAG_SECONDS must be an integer from 1 to 86400, got "2.5"',
      ],
      [
        { READ_YOUR_WRITES_TIMEOUT_MS: '60001' },
        'READ_YOUR_WRITES_TIMEOUT_MS must be an integer from 0 to 60000, got "60001"',
      ],
      [
        { EVENT_STORE_URL: 'mysql://root:hunter2@db/ledger' },
        'EVENT_STORE_URL must be a file path, a sqlite: URL, a postgres:// or postgresql:// URL, or a kurrentdb:// or esdb:// URL (optionally +discover), got a "mysql://" URL',
      ],
      [{ EVENT_STORE_URL: 'sqlite:' }, 'EVENT_STORE_URL must name a file after "sqlite:"'],
      [
        { READ_STORE_URL: 'esdb://localhost:2113' },
        'READ_STORE_URL must be a file path, a sqlite: URL, or a postgres:// or postgresql:// URL, got a KurrentDB URL',
      ],
      [
        { READ_STORE_URL: 'redis://cache' },
        'READ_STORE_URL must be a file path, a sqlite: URL, or a postgres:// or postgresql:// URL, got a "redis://" URL',
      ],
      [
        { KEY_STORE_URL: 'kurrentdb://localhost:2113' },
        'KEY_STORE_URL must be a file path, a sqlite: URL, or a postgres:// or postgresql:// URL, got a KurrentDB URL',
      ],
      [
        { KEY_STORE_URL: 'vault://secrets/ledger' },
        'KEY_STORE_URL must be a file path, a sqlite: URL, or a postgres:// or postgresql:// URL, got a "vault://" URL',
      ],
      [{ KEY_STORE_URL: 'sqlite://' }, 'KEY_STORE_URL must name a file after "sqlite:"'],
      [
        { KEY_STORE_URL: 'postgres://ledger:hunter2@db:port/x' },
        'KEY_STORE_URL is not a valid postgres:// URL (value not shown: it may hold a password)',
      ],
      [
        { DEFAULT_TENANT: 'Acme Drones' },
        'DEFAULT_TENANT must be 1 to 63 lower-case letters, digits and "-", starting with a letter or digit, got "Acme Drones"',
      ],
      [{ SEED_EXAMPLE_POLICY: 'yes' }, 'SEED_EXAMPLE_POLICY must be one of true|false, got "yes"'],
      [
        { ALLOW_BACKDATED_IMPORTS: '1' },
        'ALLOW_BACKDATED_IMPORTS must be one of true|false, got "1"',
      ],
      [
        { MAX_CLOCK_SKEW_MS: '-5' },
        'MAX_CLOCK_SKEW_MS must be an integer from 0 to 3600000, got "-5"',
      ],
      [
        { KEYS_DIR: 'awskms://eu-west-1/alias/ledger' },
        'KEYS_DIR must be a directory path, got a "awskms://" URL',
      ],
      [
        { CHECKPOINT_ORIGIN_HOST: 'ledger+audit.example' },
        'CHECKPOINT_ORIGIN_HOST must be a host name, optionally with a port and a path (letters, digits, ".-_~:/"), got "ledger+audit.example"',
      ],
      [
        { CHECKPOINT_ORIGIN_HOST: 'https://ledger.example' },
        'CHECKPOINT_ORIGIN_HOST must be a host name, optionally with a port and a path (letters, digits, ".-_~:/"), got "https://ledger.example"',
      ],
      [
        { CHECKPOINT_ORIGIN_HOST: 'ledger.example/' },
        'CHECKPOINT_ORIGIN_HOST must be a host name, optionally with a port and a path (letters, digits, ".-_~:/"), got "ledger.example/"',
      ],
      [
        { CHECKPOINT_EVERY_EVENTS: '0' },
        'CHECKPOINT_EVERY_EVENTS must be an integer from 1 to 100000000, got "0"',
      ],
      [
        { CHECKPOINT_EVERY_MS: '5' },
        'CHECKPOINT_EVERY_MS must be an integer from 10 to 86400000, got "5"',
      ],
      [
        { EXPORT_MAX_EVENTS: '0' },
        'EXPORT_MAX_EVENTS must be an integer from 1 to 10000000, got "0"',
      ],
      [
        { CHECKPOINT_SIGNING_KEY_FILE: 'vault://secrets/checkpoint' },
        'CHECKPOINT_SIGNING_KEY_FILE must be a file path, got a "vault://" URL',
      ],
    ])('%j', (env, expected) => {
      expect(errorLine(env)).toBe(expected);
    });

    it('never echoes a store URL, which may hold a password', () => {
      const line = errorLine({ EVENT_STORE_URL: 'postgres://ledger:hunter2@db:not-a-port/x' });
      expect(line).toMatch(/^EVENT_STORE_URL is not a valid postgres:\/\/ URL/);
      expect(line).not.toContain('hunter2');
    });

    it('reports every bad variable at once, still on one line', () => {
      expect(errorLine({ PORT: 'x', LOG_LEVEL: 'loud' })).toBe(
        'PORT must be an integer from 1 to 65535, got "x"; LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent, got "loud"',
      );
    });

    it('shortens and escapes a long or odd value', () => {
      const line = errorLine({ PORT: `${'9'.repeat(100)}\n` });
      expect(line).toBe(`PORT must be an integer from 1 to 65535, got "${'9'.repeat(60)}..."`);
    });
  });
});
