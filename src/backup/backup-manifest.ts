import { BackupIntegrityError } from './backup.errors';
import type { StoreRole } from './store-layout';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'consent-ledger-backup/1';

/** `stores` is the backup directory's `stores/`; `secrets` its `secrets/` or `--secrets-dir`. */
type FileArea = 'stores' | 'secrets';
export type FileKind =
  'sqlite' | 'postgres-dump' | 'kek' | 'lookup-secret' | 'signing-key' | 'receipt-key';

export interface ManifestFile {
  readonly area: FileArea;
  /** A plain file name inside its area. */
  readonly name: string;
  readonly kind: FileKind;
  readonly bytes: number;
  /** Lower-case hex. */
  readonly sha256: string;
}

/** One store copy, in the order taken. */
export interface ManifestStep {
  readonly kind: 'sqlite' | 'postgres';
  readonly roles: readonly StoreRole[];
  /** The file in `stores/` holding the copy. */
  readonly file: string;
  /** PostgreSQL: the schema of each role, restored under the same name. */
  readonly schemas?: readonly { readonly role: StoreRole; readonly schema: string }[];
  /** PostgreSQL: `pg_dump --version` and the server's `server_version`. */
  readonly tool?: string;
  readonly serverVersion?: string;
  /** When the copy started; its snapshot is of that moment or a little later. */
  readonly takenAt: string;
}

/** A tenant log as re-hashed from the copied events. */
interface ManifestLog {
  readonly log: string;
  readonly size: number;
  /** Base64 of the RFC 9162 root. */
  readonly root: string;
}

/** The latest checkpoint a log had signed in the copied read store. */
interface ManifestCheckpoint {
  readonly log: string;
  readonly size: number;
  readonly root: string;
  /** The signed note, as served by `GET /v1/audit/checkpoint`. */
  readonly note: string;
  readonly signedAt: string;
}

export interface BackupManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly tool: { readonly name: string; readonly version: string; readonly node: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly steps: readonly ManifestStep[];
  readonly files: readonly ManifestFile[];
  /** The copied event log: its last global position (decimal) and its number of events. */
  readonly eventStore: { readonly head: string; readonly events: number };
  readonly logs: readonly ManifestLog[];
  readonly checkpoints: readonly ManifestCheckpoint[];
  /** Where each projection stood in the copied read store (they catch up after a restore). */
  readonly projections: readonly { readonly name: string; readonly position: string }[];
  /** KEK ids copied, and those the copied key store wraps keys under. */
  readonly keks: { readonly copied: readonly string[]; readonly inUse: readonly string[] };
}

const ROLES: readonly string[] = ['read-store', 'event-store', 'key-store'];
const AREAS: readonly string[] = ['stores', 'secrets'];
const KINDS: readonly string[] = [
  'sqlite',
  'postgres-dump',
  'kek',
  'lookup-secret',
  'signing-key',
  'receipt-key',
];
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Reads a manifest strictly: a field that is missing, of the wrong type or a file name that
 * could leave its directory makes the whole backup unusable, with the field named.
 */
export function parseManifest(text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupIntegrityError(`${MANIFEST_FILE} is not JSON`);
  }
  const m = object(value, 'the manifest');
  if (m.format !== MANIFEST_FORMAT) {
    throw new BackupIntegrityError(
      `${MANIFEST_FILE} is not a consent-ledger backup manifest of format ${MANIFEST_FORMAT}`,
    );
  }
  const tool = object(m.tool, 'tool');
  const eventStore = object(m.eventStore, 'eventStore');
  const keks = object(m.keks, 'keks');
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    tool: {
      name: str(tool.name, 'tool.name'),
      version: str(tool.version, 'tool.version'),
      node: str(tool.node, 'tool.node'),
    },
    startedAt: str(m.startedAt, 'startedAt'),
    finishedAt: str(m.finishedAt, 'finishedAt'),
    steps: array(m.steps, 'steps').map((s, i) => step(s, `steps[${i}]`)),
    files: array(m.files, 'files').map((f, i) => file(f, `files[${i}]`)),
    eventStore: {
      head: matching(eventStore.head, DECIMAL, 'eventStore.head'),
      events: count(eventStore.events, 'eventStore.events'),
    },
    logs: array(m.logs, 'logs').map((l, i) => log(l, `logs[${i}]`)),
    checkpoints: array(m.checkpoints, 'checkpoints').map((c, i) =>
      checkpoint(c, `checkpoints[${i}]`),
    ),
    projections: array(m.projections, 'projections').map((p, i) => {
      const o = object(p, `projections[${i}]`);
      return {
        name: str(o.name, `projections[${i}].name`),
        position: matching(o.position, DECIMAL, `projections[${i}].position`),
      };
    }),
    keks: {
      copied: array(keks.copied, 'keks.copied').map((k, i) => str(k, `keks.copied[${i}]`)),
      inUse: array(keks.inUse, 'keks.inUse').map((k, i) => str(k, `keks.inUse[${i}]`)),
    },
  };
  for (const s of manifest.steps) {
    if (!manifest.files.some((f) => f.area === 'stores' && f.name === s.file)) {
      throw new BackupIntegrityError(
        `${MANIFEST_FILE} names a store copy ${s.file} it lists no file for`,
      );
    }
  }
  return manifest;
}

export function formatManifest(manifest: BackupManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function step(value: unknown, at: string): ManifestStep {
  const o = object(value, at);
  const kind = oneOf(o.kind, ['sqlite', 'postgres'], `${at}.kind`) as ManifestStep['kind'];
  const roles = array(o.roles, `${at}.roles`).map(
    (r, i) => oneOf(r, ROLES, `${at}.roles[${i}]`) as StoreRole,
  );
  const base = {
    kind,
    roles,
    file: matching(o.file, FILE_NAME, `${at}.file`),
    takenAt: str(o.takenAt, `${at}.takenAt`),
  };
  if (kind === 'sqlite') return base;
  return {
    ...base,
    schemas: array(o.schemas, `${at}.schemas`).map((s, i) => {
      const schema = object(s, `${at}.schemas[${i}]`);
      return {
        role: oneOf(schema.role, ROLES, `${at}.schemas[${i}].role`) as StoreRole,
        schema: matching(schema.schema, /^[a-z_][a-z0-9_]{0,62}$/, `${at}.schemas[${i}].schema`),
      };
    }),
    tool: str(o.tool, `${at}.tool`),
    serverVersion: str(o.serverVersion, `${at}.serverVersion`),
  };
}

function file(value: unknown, at: string): ManifestFile {
  const o = object(value, at);
  return {
    area: oneOf(o.area, AREAS, `${at}.area`) as FileArea,
    name: matching(o.name, FILE_NAME, `${at}.name`),
    kind: oneOf(o.kind, KINDS, `${at}.kind`) as FileKind,
    bytes: count(o.bytes, `${at}.bytes`),
    sha256: matching(o.sha256, HEX_SHA256, `${at}.sha256`),
  };
}

function log(value: unknown, at: string): ManifestLog {
  const o = object(value, at);
  return {
    log: str(o.log, `${at}.log`),
    size: count(o.size, `${at}.size`),
    root: str(o.root, `${at}.root`),
  };
}

function checkpoint(value: unknown, at: string): ManifestCheckpoint {
  const o = object(value, at);
  return {
    log: str(o.log, `${at}.log`),
    size: count(o.size, `${at}.size`),
    root: str(o.root, `${at}.root`),
    note: str(o.note, `${at}.note`),
    signedAt: str(o.signedAt, `${at}.signedAt`),
  };
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(at, 'an object');
  return value as Record<string, unknown>;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(at, 'an array');
  return value;
}

function str(value: unknown, at: string): string {
  if (typeof value !== 'string') throw invalid(at, 'a string');
  return value;
}

function count(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(at, 'a non-negative integer');
  }
  return value;
}

function matching(value: unknown, pattern: RegExp, at: string): string {
  if (typeof value !== 'string' || !pattern.test(value))
    throw invalid(at, `a string matching ${pattern.source}`);
  return value;
}

function oneOf(value: unknown, allowed: readonly string[], at: string): string {
  if (typeof value !== 'string' || !allowed.includes(value))
    throw invalid(at, `one of ${allowed.join(', ')}`);
  return value;
}

function invalid(at: string, expected: string): BackupIntegrityError {
  return new BackupIntegrityError(`${MANIFEST_FILE}: ${at} must be ${expected}`);
}
