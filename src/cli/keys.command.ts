import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config';
import type { FileKeyEncryptionKeys } from '../keys';
import {
  retireUnused,
  rotateAndRetire,
  KeyError,
  openKeysForMaintenance,
  allWrappedKeys,
  type WrappedKeyHolder,
} from '../keys';
import type { SubjectKeyStore } from '../keys/subject-keys/subject-key-store.port';
import { WebhookSecrets, openWebhookStorage } from '../erasure';
import type { WebhookStorage } from '../erasure';

/** Exit codes of `consent-ledger keys …`. */
const KEYS_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface KeysOutput {
  /** One line of the report (stdout). */
  readonly line: (text: string) => void;
  /** Where the re-wrap progress is drawn in place; none when undefined. */
  readonly progress?: NodeJS.WritableStream;
}

/**
 * `consent-ledger keys rotate [--keep-old]`, `keys retire` and `keys status`: KEK rotation
 * for the embedded KMS (docs/adr/0008). Reads KEYS_DIR and KEY_STORE_URL (or DATA_DIR) from
 * the environment like the service, and may run while the service runs.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('key-encryption keys (KEKs): status, rotation, retirement')
    // Usage errors exit 2 (as `verify` does for unusable input); failures exit 1.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? KEYS_EXIT.ok : KEYS_EXIT.usage));
  const output: KeysOutput = {
    line: (text) => process.stdout.write(`${text}\n`),
    ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
  };
  keys
    .command('rotate')
    .description(
      'make a new KEK current, re-wrap every live data key under it, then destroy the old KEKs',
    )
    .option('--keep-old', 'keep the old KEKs (destroy them later with `keys retire`)', false)
    .action(async (options: { keepOld: boolean }) => {
      process.exitCode = await runKeys(output, (opened) => rotate(opened, options.keepOld, output));
    });
  keys
    .command('retire')
    .description('destroy every old KEK that no live data key is wrapped under any more')
    .action(async () => {
      process.exitCode = await runKeys(output, (opened) => retire(opened, output));
    });
  keys
    .command('status')
    .description('the current KEK, the KEKs on disk and how many live data keys each wraps')
    .action(async () => {
      process.exitCode = await runKeys(output, (opened) => status(opened, output));
    });
}

interface OpenedForMaintenance {
  readonly kek: FileKeyEncryptionKeys;
  readonly subjectKeys: SubjectKeyStore;
  /** Subject data keys and processors' webhook secrets: everything the KEK wraps. */
  readonly wrapped: WrappedKeyHolder;
}

/** Opens the keys, runs `work` and closes them; resolves to the exit code. */
async function runKeys(
  output: KeysOutput,
  work: (opened: OpenedForMaintenance) => Promise<number>,
): Promise<number> {
  let keys: Awaited<ReturnType<typeof openKeysForMaintenance>> | undefined;
  let webhooks: WebhookStorage | undefined;
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    keys = await openKeysForMaintenance(config.keys);
    webhooks = await openWebhookStorage(config.keys.store);
    const secrets = new WebhookSecrets(webhooks.secretRows, keys.kek);
    const wrapped = allWrappedKeys([
      keys.subjectKeys,
      { rewrapAll: () => secrets.rewrapAll(), kekIdsInUse: () => secrets.kekIdsInUse() },
    ]);
    return await work({ ...keys, wrapped });
  } catch (error) {
    if (!(error instanceof KeyError) && !(error instanceof ConfigError)) throw error;
    output.line(`failed: ${error.message}`);
    return KEYS_EXIT.failed;
  } finally {
    await keys?.subjectKeys.close();
    await webhooks?.close();
  }
}

async function rotate(
  { kek, wrapped }: OpenedForMaintenance,
  keepOld: boolean,
  output: KeysOutput,
): Promise<number> {
  if (kek.ids().length === 0) {
    output.line(`failed: ${kek.dir} holds no KEK yet; start the service once to create one`);
    return KEYS_EXIT.failed;
  }
  const previous = kek.currentId;
  const report = await rotateAndRetire(kek, wrapped, {
    keepOld,
    onProgress: ({ rewrapped, total }) =>
      output.progress?.write(`\rre-wrapping data keys: ${rewrapped}/${total}`),
  });
  if (output.progress !== undefined && report.rewrapped > 0) output.progress.write('\n');
  output.line(`new current KEK ${report.kekId} (was ${previous})`);
  output.line(
    `re-wrapped ${report.rewrapped} wrapped keys (data keys, webhook secrets) under ${report.kekId}`,
  );
  for (const kekId of report.retired) output.line(`retired ${kekId}: its file is destroyed`);
  for (const kekId of report.kept) output.line(`kept ${kekId} (--keep-old)`);
  for (const kekId of report.inUse) {
    output.line(`not retired ${kekId}: live keys are still wrapped under it`);
  }
  output.line(
    `${report.retired.length} KEKs retired, ${report.kept.length + report.inUse.length} older KEKs left`,
  );
  return report.inUse.length === 0 ? KEYS_EXIT.ok : KEYS_EXIT.failed;
}

async function retire({ kek, wrapped }: OpenedForMaintenance, output: KeysOutput): Promise<number> {
  const { retired, inUse } = await retireUnused(kek, wrapped);
  for (const kekId of retired) output.line(`retired ${kekId}: its file is destroyed`);
  for (const kekId of inUse) {
    output.line(
      `not retired ${kekId}: live data keys are still wrapped under it (run keys rotate)`,
    );
  }
  output.line(`${retired.length} KEKs retired, ${inUse.length} still in use`);
  return inUse.length === 0 ? KEYS_EXIT.ok : KEYS_EXIT.failed;
}

async function status(
  { kek, subjectKeys }: OpenedForMaintenance,
  output: KeysOutput,
): Promise<number> {
  const ids = kek.ids();
  const usage = await subjectKeys.kekUsage();
  output.line(`keys directory ${kek.dir}`);
  output.line(`current KEK ${ids[0] ?? 'none yet'}`);
  for (const kekId of ids) {
    output.line(
      `${kekId}  ${String(usage.get(kekId) ?? 0).padStart(8)} live data keys${kekId === ids[0] ? '  (current)' : ''}`,
    );
  }
  const total = [...usage.values()].reduce((sum, n) => sum + n, 0);
  output.line(`${total} live data keys under ${usage.size} KEKs, ${ids.length} KEKs on disk`);
  return KEYS_EXIT.ok;
}
