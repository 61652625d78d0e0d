import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp, armShutdownDeadline, SHUTDOWN_SIGNALS } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { listenForProbes } from './overload';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const logger = app.get(Logger);

  // On SIGTERM/SIGINT Nest stops accepting, lets in-flight requests finish, runs the
  // shutdown hooks (projectors, then the event store) and exits 0.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  armShutdownDeadline(config.shutdownTimeoutMs, logger);

  await app.listen({
    host: config.http.host,
    port: config.http.port,
    listenTextResolver: (address) => `consent-ledger listening on ${address}`,
  });
  await listenForProbes(app, config.http.host, config.overload.server);
}

main().catch((error: unknown) => {
  // One line, no stack: a configuration mistake is the operator's to fix, not a crash.
  const message =
    error instanceof ConfigError
      ? error.message
      : `consent-ledger failed to start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
