/**
 * The `consent-ledger` command line. Configuration comes from the same environment
 * variables as the service (see the README).
 *
 * Each command's module is loaded only when that command runs (docs/adr/0025): `verify` and
 * `verify-certificate` run on an auditor's machine, on any Node from 20 on, so nothing they
 * load may reach the service, its stores or `node:sqlite`; the other commands need Node 24.
 * To add a command, add one entry to COMMANDS: its name, the summary `--help` lists, and a
 * loader that requires its module and returns the function registering it on the program.
 */
import { Command } from 'commander';

type Register = (program: Command) => void;
type CliCommand = readonly [summary: string, load: () => Register];

/* eslint-disable @typescript-eslint/no-require-imports -- each module loads only when its command runs */
const COMMANDS: Readonly<Record<string, CliCommand>> = {
  serve: [
    'start the HTTP service (same as `npm start` after a build)',
    () => (require('./serve.command') as typeof import('./serve.command')).registerServeCommand,
  ],
  projections: [
    'list the projections with their position and lag',
    () =>
      (require('./projections.command') as typeof import('./projections.command'))
        .registerProjectionsCommand,
  ],
  rebuild: [
    'drop projections and replay the whole log into them',
    () =>
      (require('./rebuild.command') as typeof import('./rebuild.command')).registerRebuildCommand,
  ],
  export: [
    'write an export bundle of a subject or a time range, for `verify`',
    () => (require('./export.command') as typeof import('./export.command')).registerExportCommand,
  ],
  verify: [
    'verify an export bundle offline (any Node >= 20)',
    () => (require('./verify.command') as typeof import('./verify.command')).registerVerifyCommand,
  ],
  keys: [
    'key-encryption keys (KEKs): status, rotation, retirement',
    () => (require('./keys.command') as typeof import('./keys.command')).registerKeysCommand,
  ],
  'verify-certificate': [
    'verify an erasure certificate offline (any Node >= 20)',
    () =>
      (require('./verify-certificate.command') as typeof import('./verify-certificate.command'))
        .registerVerifyCertificateCommand,
  ],
  'api-keys': [
    "a tenant's API keys: create (printed once), list, revoke",
    () =>
      (require('./api-keys.command') as typeof import('./api-keys.command')).registerApiKeysCommand,
  ],
  'postgres-grants': [
    'print the GRANTs that let a non-owner role run the service on PostgreSQL',
    () =>
      (require('./postgres-grants.command') as typeof import('./postgres-grants.command'))
        .registerPostgresGrantsCommand,
  ],
  backup: [
    'online, consistent backup of every store and secret to <dir>',
    () => (require('./backup.command') as typeof import('./backup.command')).registerBackupCommand,
  ],
  restore: [
    'restore a backup; refuses to roll the log back behind a published checkpoint',
    () =>
      (require('./restore.command') as typeof import('./restore.command')).registerRestoreCommand,
  ],
};
/* eslint-enable @typescript-eslint/no-require-imports */

const program = new Command()
  .name('consent-ledger')
  .description('Event-sourced consent ledger: service and maintenance tools');

/**
 * Registers the one command the arguments name (`<command> …` or `help <command>`), fully;
 * otherwise (the command list, an unknown command) every command by name and summary only.
 */
function registerCommands(args: readonly string[]): void {
  const name = args[0] === 'help' ? args[1] : args[0];
  const named = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (named !== undefined) {
    named[1]()(program);
    return;
  }
  for (const [command, [summary]] of Object.entries(COMMANDS)) {
    program
      .command(command)
      .description(summary)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => program.error(`put the command first: consent-ledger ${command} --help`));
  }
}

/** One line, never a stack: the message, or what to do about a Node that is too old. */
function fail(error: unknown): never {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  console.error(
    code === 'ERR_UNKNOWN_BUILTIN_MODULE'
      ? `consent-ledger: this command needs Node.js 24 or later (this is ${process.version}); run it as bin/consent-ledger.js, which provides one`
      : error instanceof Error
        ? error.message
        : String(error),
  );
  process.exit(1);
}

try {
  registerCommands(process.argv.slice(2));
} catch (error) {
  fail(error);
}
program.parseAsync(process.argv).catch(fail);
