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

describe('WEBHOOK_* settings', () => {
  it('defaults to https only, no allow-list, bounded timeouts and retries', () => {
    expect(loadConfig({}).webhooks).toEqual({
      dispatch: true,
      allowHttp: false,
      allowedHosts: [],
      allowedCidrs: [],
      connectTimeoutMs: 5000,
      responseTimeoutMs: 15_000,
      maxAttempts: 15,
      retryBaseMs: 10_000,
      retryMaxMs: 3_600_000,
      pollIntervalMs: 1000,
      unconfiguredRecheckMs: 60_000,
    });
  });

  it('reads every variable, sorting the allow-list into hosts and ranges', () => {
    expect(
      loadConfig({
        WEBHOOK_DISPATCH: 'false',
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOWED_HOSTS: ' LocalHost , 127.0.0.1, 127.0.0.0/8,::1 ',
        WEBHOOK_CONNECT_TIMEOUT_MS: '250',
        WEBHOOK_RESPONSE_TIMEOUT_MS: '900',
        WEBHOOK_MAX_ATTEMPTS: '4',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_RETRY_MAX_MS: '800',
        WEBHOOK_POLL_INTERVAL_MS: '50',
        WEBHOOK_UNCONFIGURED_RECHECK_MS: '5000',
      }).webhooks,
    ).toEqual({
      dispatch: false,
      allowHttp: true,
      allowedHosts: ['localhost'],
      allowedCidrs: ['127.0.0.1/32', '127.0.0.0/8', '::1/128'],
      connectTimeoutMs: 250,
      responseTimeoutMs: 900,
      maxAttempts: 4,
      retryBaseMs: 100,
      retryMaxMs: 800,
      pollIntervalMs: 50,
      unconfiguredRecheckMs: 5000,
    });
  });

  it('names each bad variable on one line', () => {
    const line = errorLine({
      WEBHOOK_ALLOW_HTTP: 'yes',
      WEBHOOK_ALLOWED_HOSTS: 'localhost,127.0.0.0/33,bad host',
      WEBHOOK_MAX_ATTEMPTS: '0',
      WEBHOOK_RETRY_BASE_MS: '5000',
      WEBHOOK_RETRY_MAX_MS: '1000',
    });
    expect(line).not.toContain('\n');
    expect(line).toContain('WEBHOOK_ALLOW_HTTP must be one of true|false, got "yes"');
    expect(line).toContain(
      'WEBHOOK_ALLOWED_HOSTS must be comma-separated host names, IP addresses or CIDR ranges, got "127.0.0.0/33"',
    );
    expect(line).toContain('got "bad host"');
    expect(line).toContain('WEBHOOK_MAX_ATTEMPTS must be an integer from 1 to 100, got "0"');
    expect(line).toContain(
      'WEBHOOK_RETRY_MAX_MS must be at least WEBHOOK_RETRY_BASE_MS (5000), got 1000',
    );
  });
});
