import type { Command } from 'commander';
import { ProjectorHost } from '../projections';
import { withApp } from './with-app';

/** `consent-ledger projections`: each projection's position and lag. */
export function registerProjectionsCommand(program: Command): void {
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
}
