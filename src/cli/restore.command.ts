import type { Command } from 'commander';
import { runRestore } from '../backup';
import { loadConfig } from '../config';
import { BACKUP_EXIT, type CommandOutput, reportFailure, STANDARD_OUTPUT } from './backup.command';

export interface RestoreCommandOptions {
  readonly force: boolean;
  readonly allowRollback: boolean;
  readonly checkpoint: readonly string[];
  readonly secretsDir?: string;
  readonly pgBin?: string;
}

/**
 * `consent-ledger restore <dir> [--force] [--allow-rollback] [--checkpoint <file>…]`: puts a
 * backup back into the configured stores with the service stopped, and refuses a log older
 * than a checkpoint already published (docs/adr/0026).
 */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description(
      'restore a backup into the configured stores (service stopped); refuses a log older than a published checkpoint',
    )
    .argument('<dir>', 'a directory written by `consent-ledger backup`')
    .option('--force', 'replace stores that are not empty', false)
    .option(
      '--allow-rollback',
      'restore even when the log would be older than (or differ from) a published checkpoint, or lose events the current store holds',
      false,
    )
    .option(
      '--checkpoint <file>',
      'a signed checkpoint (as GET /v1/audit/checkpoint serves it) the restored log must not fall behind; repeatable',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option('--secrets-dir <dir>', 'where the backup put its secrets, when not <dir>/secrets')
    .option('--pg-bin <dir>', "where pg_restore of the PostgreSQL server's major version is")
    .action(async (dir: string, options: RestoreCommandOptions) => {
      process.exitCode = await runRestoreCommand(dir, options, STANDARD_OUTPUT);
    });
}

export async function runRestoreCommand(
  dir: string,
  options: RestoreCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
    await runRestore(
      config,
      {
        dir,
        force: options.force,
        allowRollback: options.allowRollback,
        checkpointFiles: options.checkpoint,
        ...(options.secretsDir !== undefined ? { secretsDir: options.secretsDir } : {}),
        ...(options.pgBin !== undefined ? { pgBin: options.pgBin } : {}),
      },
      output.line,
    );
    return BACKUP_EXIT.ok;
  } catch (error) {
    return reportFailure(error, output);
  }
}
