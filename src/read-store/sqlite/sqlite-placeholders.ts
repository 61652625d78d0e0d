/**
 * Rewrites PostgreSQL's `$1` placeholders as SQLite's numbered `?1`, which bind by the same
 * index, so a statement may use a parameter twice or out of order on both dialects.
 * Quoted strings, quoted identifiers and comments are copied untouched.
 */
export function toSqlitePlaceholders(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const skipTo = endOfVerbatim(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
    } else if (ch === '$' && isDigit(sql[i + 1])) {
      let j = i + 1;
      while (isDigit(sql[j])) j += 1;
      out += `?${sql.slice(i + 1, j)}`;
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** End of a quoted string, quoted identifier or comment starting at `i`; `i` if none does. */
function endOfVerbatim(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"') {
    const close = sql.indexOf(ch, i + 1);
    return close === -1 ? sql.length : close + 1;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const close = sql.indexOf('\n', i);
    return close === -1 ? sql.length : close + 1;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return i;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
