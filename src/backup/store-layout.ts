import type { AppConfig } from '../config';
import { DEFAULT_SCHEMA } from '../event-store';
import { DEFAULT_KEYS_SCHEMA } from '../keys';
import { splitSchemaParameter } from '../postgres';
import { DEFAULT_READ_SCHEMA } from '../read-store';
import { BackupUsageError } from './backup.errors';

export type StoreRole = 'read-store' | 'event-store' | 'key-store';

/**
 * The order stores are copied in, and why (docs/adr/0026):
 * - the read store first, so every signed checkpoint, idempotency record and projection
 *   position it holds covers only events the later event-store copy also holds;
 * - the key store last, so every data key and lookup entry an event in the copy refers to
 *   (written before the event was appended) is in it.
 */
const BACKUP_ORDER: readonly StoreRole[] = ['read-store', 'event-store', 'key-store'];

const DEFAULT_SCHEMAS: Readonly<Record<StoreRole, string>> = {
  'event-store': DEFAULT_SCHEMA,
  'read-store': DEFAULT_READ_SCHEMA,
  'key-store': DEFAULT_KEYS_SCHEMA,
};

const SETTING: Readonly<Record<StoreRole, string>> = {
  'event-store': 'EVENT_STORE_URL',
  'read-store': 'READ_STORE_URL',
  'key-store': 'KEY_STORE_URL',
};

const PLAIN_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** One SQLite file holding one or more stores. */
export interface SqliteStep {
  readonly kind: 'sqlite';
  readonly roles: readonly StoreRole[];
  readonly path: string;
}

/** Schemas of one PostgreSQL database, copied in one snapshot. */
export interface PostgresStep {
  readonly kind: 'postgres';
  readonly roles: readonly StoreRole[];
  /** The URL without its `schema` parameter (it may hold a password: never printed). */
  readonly connectionString: string;
  readonly schemas: readonly { readonly role: StoreRole; readonly schema: string }[];
}

export type StoreStep = SqliteStep | PostgresStep;

/**
 * The copies a backup takes, in order: one per SQLite file or PostgreSQL database, stores
 * that share one (and are neighbours in `BACKUP_ORDER`) copied together, which is at least
 * as consistent as copying them one after the other.
 */
export function storeSteps(config: AppConfig): StoreStep[] {
  if (config.eventStore.kind === 'kurrentdb') {
    throw new BackupUsageError(
      "the event store is KurrentDB: back it up with KurrentDB's own tools; this command copies SQLite and PostgreSQL stores",
    );
  }
  const locations: Record<StoreRole, { kind: 'sqlite' | 'postgres'; url: string }> = {
    'event-store': { kind: config.eventStore.kind, url: config.eventStore.url },
    'read-store': config.readStore,
    'key-store': config.keys.store,
  };
  const steps: StoreStep[] = [];
  for (const role of BACKUP_ORDER) {
    const location = locations[role];
    if (location.url === ':memory:') {
      throw new BackupUsageError(
        `${SETTING[role]} is an in-memory database: there is nothing to back up`,
      );
    }
    const step =
      location.kind === 'sqlite'
        ? sqliteStep(role, location.url)
        : postgresStep(role, location.url);
    const previous = steps.at(-1);
    const merged = previous === undefined ? undefined : merge(previous, step);
    if (merged !== undefined) steps[steps.length - 1] = merged;
    else {
      assertNotSplit(steps, step);
      steps.push(step);
    }
  }
  return steps;
}

function sqliteStep(role: StoreRole, path: string): SqliteStep {
  return { kind: 'sqlite', roles: [role], path };
}

function postgresStep(role: StoreRole, url: string): PostgresStep {
  const location = splitSchemaParameter(url);
  if (location === undefined) {
    throw new BackupUsageError(`${SETTING[role]} is not a valid postgres:// URL (value not shown)`);
  }
  const schema = location.schema ?? DEFAULT_SCHEMAS[role];
  if (!PLAIN_SCHEMA.test(schema)) {
    throw new BackupUsageError(
      `${SETTING[role]} names a schema that is not a plain lower-case identifier`,
    );
  }
  return {
    kind: 'postgres',
    roles: [role],
    connectionString: location.connectionString,
    schemas: [{ role, schema }],
  };
}

/** The two steps as one when they copy the same file or database; otherwise undefined. */
function merge(previous: StoreStep, next: StoreStep): StoreStep | undefined {
  if (previous.kind === 'sqlite' && next.kind === 'sqlite' && previous.path === next.path) {
    return { ...previous, roles: [...previous.roles, ...next.roles] };
  }
  if (
    previous.kind === 'postgres' &&
    next.kind === 'postgres' &&
    previous.connectionString === next.connectionString
  ) {
    return {
      ...previous,
      roles: [...previous.roles, ...next.roles],
      schemas: [...previous.schemas, ...next.schemas],
    };
  }
  return undefined;
}

/**
 * A SQLite file or a PostgreSQL schema shared by the read store and the key store while the
 * event store lives elsewhere cannot be copied both before and after the events.
 */
function assertNotSplit(steps: readonly StoreStep[], next: StoreStep): void {
  for (const earlier of steps) {
    const shared =
      earlier.kind === 'sqlite' && next.kind === 'sqlite'
        ? earlier.path === next.path
        : earlier.kind === 'postgres' &&
          next.kind === 'postgres' &&
          earlier.connectionString === next.connectionString &&
          earlier.schemas.some((a) => next.schemas.some((b) => a.schema === b.schema));
    if (shared) {
      throw new BackupUsageError(
        `${SETTING[earlier.roles[0]!]} and ${SETTING[next.roles[0]!]} name the same store while the event store is elsewhere: the read store must be copied before the events and the key store after them, so give them separate files or schemas`,
      );
    }
  }
}

/** Where a role's store lives, for messages: the setting, never the URL. */
export function settingOf(role: StoreRole): string {
  return SETTING[role];
}
