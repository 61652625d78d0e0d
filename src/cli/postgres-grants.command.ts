import type { Command } from 'commander';
import { appRoleGrants, DEFAULT_SCHEMA } from '../event-store';

/**
 * `consent-ledger postgres-grants --role <name>`: prints the SQL an administrator runs, as
 * the owner of the event-log schema, so that the service may connect as `<name>` without
 * owning the log (docs/adr/0019-access-control.md). It touches no database itself.
 */
export function registerPostgresGrantsCommand(program: Command): void {
  program
    .command('postgres-grants')
    .description(
      'print the GRANTs that let a non-owner role run the service on a PostgreSQL event log',
    )
    .requiredOption('--role <name>', 'the role the service connects as')
    .option('--schema <name>', 'the event-log schema', DEFAULT_SCHEMA)
    .action((options: { role: string; schema: string }) => {
      try {
        console.log(appRoleGrants(options.schema, options.role));
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 2;
      }
    });
}
