/**
 * The public face of src/read-store: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { openReadStore } from './open-read-store';
export { DEFAULT_READ_SCHEMA } from './postgres/postgres-read-store';
export { ReadStoreClosedError, ReadStoreUnavailableError } from './read-store.errors';
export { READ_STORE } from './read-store.token';
export { asBigInt, asBytes, asNumber, asString, orNull } from './sql-value';
export { SqliteExecutor } from './sqlite/sqlite-executor';
export { takeTurn } from './take-turn';
