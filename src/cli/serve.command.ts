import type { Command } from 'commander';

/** `consent-ledger serve`: the HTTP service, as `npm start` runs it after a build. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service (same as `npm start` after a build)')
    .action(() => {
      // The service entry point starts itself when loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../main');
    });
}
