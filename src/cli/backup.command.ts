import type { Command } from 'commander';
import { BackupError, BackupUsageError, runBackup } from '../backup';
import { ConfigError, loadConfig } from '../config';

/** Exit codes of `consent-ledger backup` and `restore`. */
export const BACKUP_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface BackupCommandOptions {
  readonly secretsDir?: string;
  readonly pgBin?: string;
}

export interface CommandOutput {
  /** A line of the report (stdout). */
  readonly line: (text: string) => void;
  /** A line saying why the command failed (stderr). */
  readonly error: (text: string) => void;
}

export const STANDARD_OUTPUT: CommandOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/**
 * `consent-ledger backup <dir> [--secrets-dir <dir>] [--pg-bin <dir>]`: an online, consistent
 * backup of every store and the secrets that open them (docs/adr/0026). Reads the same
 * environment as the service, which may keep running and writing meanwhile.
 */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      'back up the event store, read store, key store, KEKs, lookup secret and signing key, online and consistent, with a manifest',
    )
    .argument('<dir>', 'a new (or empty) directory, created owner-only')
    .option(
      '--secrets-dir <dir>',
      'put the KEKs, lookup secret and signing key here instead of <dir>/secrets (to keep them apart, for a shorter time)',
    )
    .option('--pg-bin <dir>', "where pg_dump of the PostgreSQL server's major version is")
    .action(async (dir: string, options: BackupCommandOptions) => {
      process.exitCode = await runBackupCommand(dir, options, STANDARD_OUTPUT);
    });
}

export async function runBackupCommand(
  dir: string,
  options: BackupCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
    const { manifest, secretsDir } = await runBackup(config, {
      dir,
      ...(options.secretsDir !== undefined ? { secretsDir: options.secretsDir } : {}),
      ...(options.pgBin !== undefined ? { pgBin: options.pgBin } : {}),
    });
    for (const step of manifest.steps) {
      const file = manifest.files.find((f) => f.area === 'stores' && f.name === step.file)!;
      output.line(
        `${step.roles.join(' + ')}: stores/${file.name} (${file.bytes} bytes${step.tool !== undefined ? `, ${step.tool}` : ''})`,
      );
    }
    const logs = manifest.logs.map((log) => {
      const checkpoint = manifest.checkpoints.find((c) => c.log === log.log);
      return `${log.log} ${log.size} leaves${checkpoint ? ` (checkpoint at ${checkpoint.size} verified)` : ''}`;
    });
    output.line(
      `event store head ${manifest.eventStore.head} (${manifest.eventStore.events} events); logs: ${logs.join(', ') || 'none'}`,
    );
    output.line(
      `KEKs ${manifest.keks.copied.join(', ') || 'none'}, lookup secret and signing key in ${secretsDir}`,
    );
    output.line(
      `backup complete: ${dir}; its secrets open every data key it holds, so keep them no longer than your KEK rotation period (docs/adr/0026)`,
    );
    return BACKUP_EXIT.ok;
  } catch (error) {
    return reportFailure(error, output);
  }
}

/** Expected failures become one message and an exit code; anything else is a bug and throws. */
export function reportFailure(error: unknown, output: CommandOutput): number {
  if (error instanceof BackupUsageError) {
    output.error(error.message);
    return BACKUP_EXIT.usage;
  }
  if (error instanceof BackupError || error instanceof ConfigError) {
    output.error(error.message);
    return BACKUP_EXIT.failed;
  }
  throw error;
}
