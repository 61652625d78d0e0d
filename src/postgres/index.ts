/**
 * The public face of src/postgres: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { isConnectionLoss } from './connection-loss';
export { postgresConnections } from './connection-watch';
export type { ConnectionWatch, PostgresComponent } from './connection-watch';
export { splitSchemaParameter } from './schema-parameter';
export { SerialQueue } from './serial-queue';
export { isServerUnavailable } from './server-unavailable';
export { CONNECT_TIMEOUT_MS, WatchedPool } from './watched-pool';
