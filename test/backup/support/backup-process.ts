/**
 * The `backup` and `restore` commands as `consent-ledger` registers them, in a process of
 * their own, without the rest of the command line (which loads the whole service and takes
 * several times the CPU to start on a shared machine).
 */
import { Command } from 'commander';
import { registerBackupCommand } from '../../../src/cli/backup.command';
import { registerRestoreCommand } from '../../../src/cli/restore.command';

const program = new Command().name('consent-ledger');
registerBackupCommand(program);
registerRestoreCommand(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
