import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

/**
 * Paths redacted even though nothing here logs headers: a future `log.info({ req })` must
 * not leak a bearer token or an idempotency key.
 */
const REDACTED_PATHS = ['authorization', 'cookie', '["idempotency-key"]', '["x-api-key"]'].flatMap(
  (key) => {
    const suffix = key.startsWith('[') ? key : `.${key}`;
    return [`headers${suffix}`, `req.headers${suffix}`, `request.headers${suffix}`];
  },
);

/**
 * The one pino logger of the process: Fastify's request loggers and Nest's logger are both
 * children of it. JSON lines with ISO timestamps and level names, for log shippers.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'consent-ledger',
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        err: pino.stdSerializers.err,
        // Only what is safe: never the URL, query string, headers or body.
        req: (req: { method?: string }) => ({ method: req.method }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
