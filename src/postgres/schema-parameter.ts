/**
 * Every PostgreSQL store here takes its schema from a `schema` query parameter of its URL
 * (`postgres://host/db?schema=ledger`). It is ours, not a libpq parameter, so it is taken off
 * before `pg` sees the URL. Returns undefined for a string that is not a URL; callers say so
 * without repeating it, since a URL may hold a password.
 */
export function splitSchemaParameter(
  url: string,
): { connectionString: string; schema?: string } | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { connectionString: url };
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}
