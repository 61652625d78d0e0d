/**
 * The `consent-ledger` command line. Configuration comes from the same environment
 * variables as the service (see the README).
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { createApp } from '../bootstrap/create-app';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { ProjectorHost } from '../projections/projector-host';

const program = new Command()
  .name('consent-ledger')
  .description('Event-sourced consent ledger: service and maintenance tools');

program
  .command('serve')
  .description('start the HTTP service (same as `npm start` after a build)')
  .action(() => {
    // The service entry point starts itself when loaded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../main');
  });

program
  .command('projections')
  .description('list the projections with their position and lag')
  .action(async () => {
    await withApp(async (host) => {
      for (const status of await host.statuses()) {
        console.log(
          `${status.name.padEnd(24)} position ${status.position.padStart(10)}  lag ${status.lagEvents} events, ${status.lagSeconds} s${status.halted ? '  HALTED' : ''}`,
        );
      }
    });
  });

program
  .command('rebuild')
  .description('drop projections and replay the whole log into them')
  .argument('[projection...]', 'projection names (default: all)')
  .action(async (names: string[]) => {
    await withApp(async (host) => {
      const selected = names.length > 0 ? names : host.states().map((s) => s.name);
      for (const name of selected) {
        const started = process.hrtime.bigint();
        await host.rebuild(name);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const state = host.states().find((s) => s.name === name);
        const events = Number(state?.position ?? 0n);
        console.log(
          `${name}: rebuilt to position ${events} in ${seconds.toFixed(2)} s (${Math.round(events / Math.max(seconds, 1e-9))} events/s)`,
        );
      }
    });
  });

/** Builds the service without listening, runs `work`, and shuts everything down. */
async function withApp(work: (host: ProjectorHost) => Promise<void>): Promise<void> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
  try {
    await work(app.get(ProjectorHost));
  } finally {
    await app.close();
  }
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error),
  );
  process.exit(1);
});
