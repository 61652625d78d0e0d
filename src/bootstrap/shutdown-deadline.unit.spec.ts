import type { LoggerService } from '@nestjs/common';
import { armShutdownDeadline } from './shutdown-deadline';

describe('armShutdownDeadline', () => {
  const handlers = new Map<string, (signal: NodeJS.Signals) => void>();
  const logger: LoggerService = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };
  let exit: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    handlers.clear();
    // Capture the handlers instead of listening to real signals in the test worker.
    jest.spyOn(process, 'once').mockImplementation(((event: string, handler: () => void) => {
      handlers.set(event, handler);
      return process;
    }) as typeof process.once);
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('listens for SIGTERM and SIGINT', () => {
    armShutdownDeadline(1000, logger);
    expect([...handlers.keys()]).toEqual(['SIGTERM', 'SIGINT']);
  });

  it('exits with code 1 when shutdown outlasts the timeout, not before', () => {
    armShutdownDeadline(1000, logger);
    handlers.get('SIGTERM')?.('SIGTERM');
    jest.advanceTimersByTime(999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.error).toHaveBeenCalledWith(
      'shutdown did not finish within 1000 ms; exiting anyway',
    );
  });

  it('does nothing until a signal arrives', () => {
    armShutdownDeadline(1000, logger);
    jest.advanceTimersByTime(10_000);
    expect(exit).not.toHaveBeenCalled();
  });
});
