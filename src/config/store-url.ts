import { isAbsolute, resolve } from 'node:path';
import type { EventStoreKind, StoreLocation } from './app-config';

const POSTGRES = /^postgres(ql)?:\/\//i;
// The same schemes `createEventStore` routes to the KurrentDB adapter.
const KURRENTDB = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i;
const SQLITE = /^sqlite:(\/\/)?/i;
const ANY_URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

type ParsedStoreUrl = StoreLocation<EventStoreKind> | { readonly problem: string };

/**
 * Classifies a store URL. Rejections never echo the URL itself: it may carry a password.
 * SQLite paths are made absolute so the store does not move when the working directory does.
 */
export function parseStoreUrl(name: string, value: string, allowed: string): ParsedStoreUrl {
  if (POSTGRES.test(value)) {
    if (!URL.canParse(value)) {
      return {
        problem: `${name} is not a valid postgres:// URL (value not shown: it may hold a password)`,
      };
    }
    return { kind: 'postgres', url: value };
  }
  if (KURRENTDB.test(value)) return { kind: 'kurrentdb', url: value };
  const sqlitePath = value.replace(SQLITE, '');
  if (SQLITE.test(value) && sqlitePath === '') {
    return { problem: `${name} must name a file after "sqlite:"` };
  }
  const scheme = ANY_URL_SCHEME.exec(value)?.[1];
  if (scheme !== undefined && !SQLITE.test(value)) {
    return { problem: `${name} must be ${allowed}, got a "${scheme}://" URL` };
  }
  return { kind: 'sqlite', url: absoluteSqlitePath(sqlitePath) };
}

function absoluteSqlitePath(path: string): string {
  return path === ':memory:' || isAbsolute(path) ? path : resolve(path);
}
