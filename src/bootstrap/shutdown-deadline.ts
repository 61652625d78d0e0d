import type { LoggerService } from '@nestjs/common';

/** The signals an orchestrator (SIGTERM) or a terminal (SIGINT) stops the service with. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Bounds a graceful shutdown: once a shutdown signal arrives, the process exits with code 1
 * if in-flight requests and closing stores have not let it exit within `timeoutMs`.
 */
export function armShutdownDeadline(timeoutMs: number, logger: LoggerService): void {
  const arm = (signal: NodeJS.Signals): void => {
    logger.log(`${signal} received: finishing in-flight requests (at most ${timeoutMs} ms)`);
    const timer = setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    // The deadline itself must not keep a process alive that is otherwise done.
    timer.unref();
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, arm);
}
