import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function errorLine(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to reject the environment');
}

describe('LOAD_SHEDDING_* and HTTP server bounds', () => {
  it('defaults to shedding with the measured limits and bounded timeouts', () => {
    expect(loadConfig({}).overload).toEqual({
      shedding: {
        enabled: true,
        commands: { maxInFlight: 64, maxQueued: 128, queueTimeoutMs: 250 },
        reads: { maxInFlight: 64, maxQueued: 256, queueTimeoutMs: 250 },
        exports: { maxInFlight: 2, maxQueued: 4, queueTimeoutMs: 1000 },
        eventLoopDelayMs: 50,
        eventLoopWindowMs: 250,
        retryAfterSeconds: 1,
      },
      server: {
        requestTimeoutMs: 30_000,
        connectionTimeoutMs: 120_000,
        keepAliveTimeoutMs: 72_000,
        maxRequestsPerSocket: 0,
        probePort: undefined,
        probeMaxStallMs: 10_000,
      },
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        LOAD_SHEDDING: 'false',
        LOAD_SHEDDING_COMMANDS_CONCURRENCY: '8',
        LOAD_SHEDDING_COMMANDS_QUEUE: '0',
        LOAD_SHEDDING_COMMANDS_QUEUE_TIMEOUT_MS: '10',
        LOAD_SHEDDING_READS_CONCURRENCY: '16',
        LOAD_SHEDDING_READS_QUEUE: '32',
        LOAD_SHEDDING_READS_QUEUE_TIMEOUT_MS: '20',
        LOAD_SHEDDING_EXPORTS_CONCURRENCY: '1',
        LOAD_SHEDDING_EXPORTS_QUEUE: '1',
        LOAD_SHEDDING_EXPORTS_QUEUE_TIMEOUT_MS: '30',
        LOAD_SHEDDING_EVENT_LOOP_DELAY_MS: '0',
        LOAD_SHEDDING_EVENT_LOOP_WINDOW_MS: '100',
        LOAD_SHEDDING_RETRY_AFTER_S: '3',
        HTTP_REQUEST_TIMEOUT_MS: '0',
        HTTP_CONNECTION_TIMEOUT_MS: '0',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000',
        HTTP_MAX_REQUESTS_PER_SOCKET: '1000',
        PROBE_PORT: '9090',
        PROBE_MAX_STALL_MS: '2500',
      }).overload,
    ).toEqual({
      shedding: {
        enabled: false,
        commands: { maxInFlight: 8, maxQueued: 0, queueTimeoutMs: 10 },
        reads: { maxInFlight: 16, maxQueued: 32, queueTimeoutMs: 20 },
        exports: { maxInFlight: 1, maxQueued: 1, queueTimeoutMs: 30 },
        eventLoopDelayMs: 0,
        eventLoopWindowMs: 100,
        retryAfterSeconds: 3,
      },
      server: {
        requestTimeoutMs: 0,
        connectionTimeoutMs: 0,
        keepAliveTimeoutMs: 5000,
        maxRequestsPerSocket: 1000,
        probePort: 9090,
        probeMaxStallMs: 2500,
      },
    });
  });

  it('names every bad value in one line', () => {
    const line = errorLine({
      LOAD_SHEDDING: 'yes',
      LOAD_SHEDDING_COMMANDS_CONCURRENCY: '0',
      LOAD_SHEDDING_READS_QUEUE: '-1',
      LOAD_SHEDDING_EXPORTS_QUEUE_TIMEOUT_MS: '1.5',
      LOAD_SHEDDING_RETRY_AFTER_S: '0',
      PROBE_MAX_STALL_MS: '50',
    });
    expect(line).toContain('LOAD_SHEDDING must be one of true|false, got "yes"');
    expect(line).toContain(
      'LOAD_SHEDDING_COMMANDS_CONCURRENCY must be an integer from 1 to 100000, got "0"',
    );
    expect(line).toContain(
      'LOAD_SHEDDING_READS_QUEUE must be an integer from 0 to 100000, got "-1"',
    );
    expect(line).toContain(
      'LOAD_SHEDDING_EXPORTS_QUEUE_TIMEOUT_MS must be an integer from 1 to 60000, got "1.5"',
    );
    expect(line).toContain(
      'LOAD_SHEDDING_RETRY_AFTER_S must be an integer from 1 to 3600, got "0"',
    );
    expect(line).toContain('PROBE_MAX_STALL_MS must be an integer from 100 to 600000, got "50"');
  });

  it('refuses a socket idle timeout that a read-your-writes wait could outlast', () => {
    expect(errorLine({ HTTP_CONNECTION_TIMEOUT_MS: '5000' })).toBe(
      'HTTP_CONNECTION_TIMEOUT_MS must be 0 (never) or longer than READ_YOUR_WRITES_TIMEOUT_MS (5000), got 5000',
    );
    expect(
      loadConfig({ HTTP_CONNECTION_TIMEOUT_MS: '5000', READ_YOUR_WRITES_TIMEOUT_MS: '1000' })
        .overload.server.connectionTimeoutMs,
    ).toBe(5000);
  });

  it('refuses a probe port that is the main port', () => {
    expect(errorLine({ PORT: '8080', PROBE_PORT: '8080' })).toBe(
      'PROBE_PORT must differ from PORT (8080), got 8080',
    );
    expect(errorLine({ PROBE_PORT: 'http' })).toBe(
      'PROBE_PORT must be an integer from 0 to 65535, got "http"',
    );
  });
});
