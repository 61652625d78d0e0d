import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config';
import { LOOKUP_SECRET_FILE, destroySecretFile } from '../keys';
import { BackupError, BackupUsageError, RestoreRefusedError } from './backup.errors';
import type { BackupManifest, ManifestStep } from './backup-manifest';
import { readCheckpointFile } from './checkpoint-files';
import { type CopiedFacts, noFacts } from './copied-facts';
import { checkAgainst, describeFinding, type KnownCheckpoint } from './log-checks';
import type { EventLogSummary } from './log-roots';
import { type OpenedBackup, openBackup } from './open-backup';
import { ownCheckpointProblems } from './own-checkpoints';
import { inspectTarget, type TargetState } from './restore-target';
import { type StagedStore, stageStore } from './restore-staging';
import { replacePrivateFile, signingPublicKey } from './secret-files';
import { type StoreStep, storeSteps } from './store-layout';

interface RestoreOptions {
  readonly dir: string;
  readonly secretsDir?: string;
  /** Replace stores that are not empty. */
  readonly force: boolean;
  /** Restore even a log older than (or inconsistent with) a published checkpoint. */
  readonly allowRollback: boolean;
  /** Signed checkpoint notes kept by operators or auditors: the log must not fall behind them. */
  readonly checkpointFiles: readonly string[];
  readonly pgBin?: string;
}

interface RestoreReport {
  readonly manifest: BackupManifest;
  /** What a rollback (allowed with --allow-rollback) lost; empty when none. */
  readonly rolledBack: readonly string[];
}

/**
 * Restores a backup into the configured stores, checking before anything is final:
 * 1. every file's size and SHA-256 against the manifest;
 * 2. the stores' layout and kinds against the configuration, the service stopped, the target
 *    empty (or `force`);
 * 3. the restored event log re-hashed: equal to the manifest, covering the backup's own
 *    checkpoints, and — unless `allowRollback` — not older than, nor inconsistent with, any
 *    checkpoint already published (the current read store's, and the `--checkpoint` files).
 * A refusal leaves the target stores as they were (docs/adr/0026).
 */
export async function runRestore(
  config: AppConfig,
  options: RestoreOptions,
  line: (text: string) => void,
): Promise<RestoreReport> {
  const backup = await openBackup(options.dir, options.secretsDir);
  const { manifest } = backup;
  line(
    `backup of ${manifest.startedAt} by consent-ledger ${manifest.tool.version}: ${manifest.files.length} files match the manifest (sha-256); event store head ${manifest.eventStore.head}, ${manifest.logs.length} logs`,
  );
  const targetSteps = storeSteps(config);
  matchLayout(manifest.steps, targetSteps);

  const secrets = readBackupSecrets(backup);
  const publicKeys = [signingPublicKey(secrets.signingKey), ...configuredPublicKey(config)];
  const fromFiles = options.checkpointFiles.map((path) =>
    readCheckpointFile(path, config.audit.originHost, publicKeys),
  );

  const target = await inspectTarget(config, targetSteps);
  if (target.nonEmpty.length > 0 && !options.force) {
    throw new BackupError(
      `the target is not empty:\n  - ${target.nonEmpty.join('\n  - ')}\npass --force to replace it (the restore still refuses to roll back behind a published checkpoint)`,
    );
  }
  const published = [...target.checkpoints, ...fromFiles];

  const facts = noFacts();
  const sizes = sizesOf(published, manifest);
  const staged: StagedStore[] = [];
  const abortAll = async () => {
    for (const store of staged.reverse()) await store.abort();
  };
  try {
    for (const [i, step] of targetSteps.entries()) {
      staged.push(
        await stageStore(step, {
          backup,
          copy: manifest.steps[i]!,
          facts,
          sizes,
          pgBin: options.pgBin,
          line,
        }),
      );
    }
  } catch (error) {
    await abortAll();
    throw error;
  }

  const restored = facts.eventLog!;
  let rollbacks: string[];
  try {
    const problems = [
      ...manifestProblems(manifest, restored),
      ...ownCheckpointProblems(facts.checkpoints, restored, 'the restored'),
      ...projectionProblems(facts, restored),
      ...kekProblems(facts, secrets.kekIds),
    ];
    rollbacks = rollbackFindings(published, target, restored, line);
    if (problems.length > 0) {
      throw new RestoreRefusedError([...problems, 'the target stores were left as they were']);
    }
    if (rollbacks.length > 0 && !options.allowRollback) {
      throw new RestoreRefusedError([
        ...rollbacks,
        'the target stores were left as they were; pass --allow-rollback to restore anyway and lose the difference',
      ]);
    }
  } catch (error) {
    await abortAll();
    throw error;
  }

  for (const store of staged) await store.commit();
  writeSecrets(config, secrets, target);
  for (const checkpoint of facts.checkpoints) {
    line(
      `checked: the restored log ${checkpoint.log} has the root signed at size ${checkpoint.size} (backup's read store)`,
    );
  }
  for (const rollback of rollbacks) line(`WARNING: ROLLED BACK: ${rollback}`);
  if (rollbacks.length > 0) {
    line(
      'WARNING: checkpoints the service signs from now on for these logs will be inconsistent with the ones already published: tell every auditor and witness that holds them; erasures completed after the backup are undone and must be run again',
    );
  }
  line(
    `restored: event store head ${restored.head} (${restored.events} events), ${[...restored.logs].map(([log, roots]) => `${log} ${roots.size} leaves`).join(', ') || 'no logs'}; KEKs ${secrets.kekIds.join(', ') || 'none'}`,
  );
  line(
    'on start the projections catch up from the positions the backup recorded; idempotency records, webhook deliveries and KEKs are as of the backup (see docs/adr/0026)',
  );
  return { manifest, rolledBack: rollbacks };
}

interface BackupSecrets {
  readonly keks: ReadonlyMap<string, Buffer>;
  readonly kekIds: readonly string[];
  readonly lookupSecret: Buffer;
  readonly signingKey: Buffer;
  /** Absent from backups taken before receipts existed: the service then makes a new one. */
  readonly receiptKey: Buffer | undefined;
}

function readBackupSecrets(backup: OpenedBackup): BackupSecrets {
  const keks = new Map<string, Buffer>();
  let lookupSecret: Buffer | undefined;
  let signingKey: Buffer | undefined;
  let receiptKey: Buffer | undefined;
  for (const file of backup.manifest.files) {
    if (file.area !== 'secrets') continue;
    const bytes = readFileSync(backup.pathOf(file));
    if (file.kind === 'kek') keks.set(file.name, bytes);
    if (file.kind === 'lookup-secret') lookupSecret = bytes;
    if (file.kind === 'signing-key') signingKey = bytes;
    if (file.kind === 'receipt-key') receiptKey = bytes;
  }
  if (lookupSecret === undefined || signingKey === undefined) {
    throw new BackupUsageError(
      'the backup lists no lookup secret or no signing key: it cannot be restored',
    );
  }
  const kekIds = [...keks.keys()].map((name) => name.replace(/\.key$/, ''));
  return { keks, kekIds, lookupSecret, signingKey, receiptKey };
}

function configuredPublicKey(config: AppConfig): Buffer[] {
  try {
    return existsSync(config.audit.signingKey.file)
      ? [signingPublicKey(readFileSync(config.audit.signingKey.file))]
      : [];
  } catch {
    return [];
  }
}

function matchLayout(backup: readonly ManifestStep[], target: readonly StoreStep[]): void {
  const describe = (
    kind: string,
    roles: readonly string[],
    schemas?: readonly { role: string; schema: string }[],
  ) =>
    `${kind} ${roles.join('+')}${schemas ? ` (schemas ${schemas.map((s) => `${s.role}=${s.schema}`).join(', ')})` : ''}`;
  const theirs = backup.map((s) => describe(s.kind, s.roles, s.schemas)).join('; ');
  const ours = target
    .map((s) => describe(s.kind, s.roles, s.kind === 'postgres' ? s.schemas : undefined))
    .join('; ');
  if (theirs !== ours) {
    throw new BackupUsageError(
      `the backup holds ${theirs}, but the configuration names ${ours}: set EVENT_STORE_URL, READ_STORE_URL and KEY_STORE_URL as for the backed-up service (PostgreSQL schemas keep their names)`,
    );
  }
}

/** Every size, per log, at which a root must be known to compare a checkpoint. */
function sizesOf(
  published: readonly KnownCheckpoint[],
  manifest: BackupManifest,
): Map<string, Set<number>> {
  const sizes = new Map<string, Set<number>>();
  for (const { log, size } of [...published, ...manifest.checkpoints]) {
    let set = sizes.get(log);
    if (set === undefined) sizes.set(log, (set = new Set()));
    set.add(size);
  }
  return sizes;
}

function manifestProblems(manifest: BackupManifest, restored: EventLogSummary): string[] {
  const problems: string[] = [];
  if (
    restored.head.toString() !== manifest.eventStore.head ||
    restored.events !== manifest.eventStore.events
  ) {
    problems.push(
      `the restored event log has ${restored.events} events up to position ${restored.head}; the manifest says ${manifest.eventStore.events} up to ${manifest.eventStore.head}`,
    );
  }
  const listed = new Map(manifest.logs.map((log) => [log.log, log]));
  for (const log of new Set([...listed.keys(), ...restored.logs.keys()])) {
    const want = listed.get(log);
    const got = restored.logs.get(log);
    if (want?.size !== got?.size || want?.root !== got?.root.toString('base64')) {
      problems.push(
        `the restored log ${log} (${got?.size ?? 0} leaves) differs from the manifest's (${want?.size ?? 0} leaves)`,
      );
    }
  }
  return problems;
}

/** A projection ahead of the log would skip the events appended after the restore. */
function projectionProblems(facts: CopiedFacts, restored: EventLogSummary): string[] {
  return facts.projections
    .filter((p) => /^\d+$/.test(p.position) && BigInt(p.position) > restored.head)
    .map(
      (p) =>
        `the restored read store has projection ${p.name} at position ${p.position}, beyond the restored event log (${restored.head})`,
    );
}

function kekProblems(facts: CopiedFacts, kekIds: readonly string[]): string[] {
  const missing = facts.kekIdsInUse.filter((id) => !kekIds.includes(id));
  return missing.length === 0
    ? []
    : [
        `the restored key store wraps keys under ${missing.join(', ')}, which the backup's secrets do not hold`,
      ];
}

/**
 * What restoring would lose: leaves behind a published checkpoint, a history other than the
 * published one, or acknowledged events the current store holds beyond the backup.
 */
function rollbackFindings(
  published: readonly KnownCheckpoint[],
  target: TargetState,
  restored: EventLogSummary,
  line: (text: string) => void,
): string[] {
  const findings: string[] = [];
  for (const checkpoint of published) {
    const finding = checkAgainst(checkpoint, restored);
    const text = describeFinding(finding, 'the restored');
    if (finding.kind === 'covered') line(`checked: ${text}`);
    else findings.push(text);
  }
  if (target.head !== undefined && target.head > restored.head) {
    const sizes = [...target.logSizes]
      .map(([log, size]) => `${log} ${size} → ${restored.logs.get(log)?.size ?? 0} leaves`)
      .join(', ');
    findings.push(
      `the current event store holds ${target.head - restored.head} events beyond the backup (positions ${restored.head + 1n} to ${target.head})${sizes === '' ? '' : `; audit logs ${sizes}`}`,
    );
  }
  return findings;
}

/**
 * Puts the backup's KEKs, lookup secret, signing key and receipt key in place, then destroys any other
 * KEK file in KEYS_DIR: it wrapped only keys of the store the restore replaced, and left
 * there it would become the current KEK of the restored one.
 */
function writeSecrets(config: AppConfig, secrets: BackupSecrets, target: TargetState): void {
  for (const [name, bytes] of secrets.keks) replacePrivateFile(join(config.keys.dir, name), bytes);
  replacePrivateFile(join(config.keys.dir, LOOKUP_SECRET_FILE), secrets.lookupSecret);
  replacePrivateFile(config.audit.signingKey.file, secrets.signingKey);
  if (secrets.receiptKey) replacePrivateFile(config.receipts.signingKey.file, secrets.receiptKey);
  for (const name of target.kekFiles) {
    if (!secrets.keks.has(name)) destroySecretFile(join(config.keys.dir, name));
  }
}
