/** Where the service keeps its tables when no schema is configured. */
export const DEFAULT_SCHEMA = 'consent_ledger';

/**
 * Schema names are restricted to plain lower-case identifiers so they can be spliced into
 * SQL and into a NOTIFY channel name (at most 63 bytes) without any quoting surprises.
 */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

export function assertSchemaName(schema: string): void {
  if (!PLAIN_IDENTIFIER.test(schema)) {
    throw new RangeError(
      'the PostgreSQL schema name must be 1 to 48 characters of a-z, 0-9 and _, not starting with a digit',
    );
  }
}

/** The channel appends are announced on, one per schema so stores never wake each other. */
export function appendChannel(schema: string): string {
  return `${schema}_appended`;
}
