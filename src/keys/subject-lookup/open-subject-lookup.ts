import type { KeyStoreLocation, KeyStoreOpenOptions } from '../storage/key-store-location';
import { KeyedSubjectLookup } from './keyed-subject-lookup';
import { openPostgresSubjectLookupRows } from './postgres-subject-lookup-rows';
import { openSqliteSubjectLookupRows } from './sqlite-subject-lookup-rows';
import type { SubjectLookup } from './subject-lookup.port';

/** Opens the lookup beside the key store: same SQLite file or PostgreSQL schema, own table. */
export async function openSubjectLookup(
  location: KeyStoreLocation,
  lookupSecret: Buffer,
  /** Where the secret came from; named in the error when it does not match the rows. */
  secretFile: string,
  options: KeyStoreOpenOptions = {},
): Promise<SubjectLookup> {
  const rows =
    location.kind === 'postgres'
      ? await openPostgresSubjectLookupRows({ url: location.url, onError: options.onError })
      : openSqliteSubjectLookupRows(location.url);
  return KeyedSubjectLookup.open(rows, lookupSecret, secretFile);
}
