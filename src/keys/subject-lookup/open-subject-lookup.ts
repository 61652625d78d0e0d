import type { KeyStoreLocation, KeyStoreOpenOptions } from '../storage/key-store-location';
import { openKeysSql } from '../storage/open-keys-sql';
import { KeyedSubjectLookup } from './keyed-subject-lookup';
import { SqlSubjectLookupRows, SUBJECT_LOOKUP_TABLES } from './sql-subject-lookup-rows';
import type { SubjectLookup } from './subject-lookup.port';

/** Opens the lookup beside the key store: same SQLite file or PostgreSQL schema, own table. */
export async function openSubjectLookup(
  location: KeyStoreLocation,
  lookupSecret: Buffer,
  /** Where the secret came from; named in the error when it does not match the rows. */
  secretFile: string,
  options: KeyStoreOpenOptions = {},
): Promise<SubjectLookup> {
  const db = await openKeysSql(location, SUBJECT_LOOKUP_TABLES, 'subject_lookup', options);
  return KeyedSubjectLookup.open(new SqlSubjectLookupRows(db), lookupSecret, secretFile);
}
