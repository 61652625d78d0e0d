import type { Command } from 'commander';
import { rebuildProjections } from './rebuild-command';
import { withApp } from './with-app';

/** `consent-ledger rebuild [projection…]` (see rebuild-command.ts). */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('drop projections and replay the whole log into them, with a progress bar')
    .argument('[projection...]', 'projection names (default: all)')
    .action(async (names: string[]) => {
      await withApp((app) => rebuildProjections(app, names, (line) => console.log(line)));
    });
}
