/**
 * The `consent-ledger` command line. Configuration comes from the same environment
 * variables as the service (see the README).
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '../config/config-error';
import { ProjectorHost } from '../projections/projector-host';
import { registerApiKeysCommand } from './api-keys.command';
import { registerBackupCommand } from './backup.command';
import { registerExportCommand } from './export.command';
import { registerPostgresGrantsCommand } from './postgres-grants.command';
import { registerKeysCommand } from './keys.command';
import { rebuildProjections } from './rebuild-command';
import { registerRestoreCommand } from './restore.command';
import { registerVerifyCertificateCommand } from './verify-certificate.command';
import { registerVerifyCommand } from './verify.command';
import { withApp } from './with-app';

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
    await withApp(async (app) => {
      for (const status of await app.get(ProjectorHost).statuses()) {
        console.log(
          `${status.name.padEnd(24)} position ${status.position.padStart(10)}  lag ${status.lagEvents} events, ${status.lagSeconds} s${status.halted ? '  HALTED' : ''}`,
        );
      }
    });
  });

program
  .command('rebuild')
  .description('drop projections and replay the whole log into them, with a progress bar')
  .argument('[projection...]', 'projection names (default: all)')
  .action(async (names: string[]) => {
    await withApp((app) => rebuildProjections(app, names, (line) => console.log(line)));
  });

registerExportCommand(program);
registerVerifyCommand(program);
registerKeysCommand(program);
registerVerifyCertificateCommand(program);
registerApiKeysCommand(program);
registerPostgresGrantsCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);

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
