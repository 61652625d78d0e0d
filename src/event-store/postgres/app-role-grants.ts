import { assertSchemaName } from './postgres-schema-name';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The privileges the service needs on an event-log schema it does not own
 * (docs/adr/0019-access-control.md): read and append events, move the feed head, and
 * replace a sealed field by its digest when a subject is erased (column `data` only).
 * Never DELETE, TRUNCATE, or UPDATE of any other column: the role the service runs as cannot
 * rewrite or shorten the log, whatever a bug or an intruder in the service tries.
 */
export function appRoleGrants(schema: string, role: string): string {
  assertSchemaName(schema);
  if (!ROLE_NAME.test(role)) {
    throw new RangeError('a role name is lower-case letters, digits and "_" (at most 63)');
  }
  const s = `"${schema}"`;
  const r = `"${role}"`;
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r};`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r};`,
    `GRANT SELECT ON ${s}.schema_migrations TO ${r};`,
    `GRANT SELECT, INSERT ON ${s}.events TO ${r};`,
    `GRANT UPDATE (data) ON ${s}.events TO ${r};`,
    `GRANT SELECT, UPDATE ON ${s}.feed_head TO ${r};`,
  ].join('\n');
}
