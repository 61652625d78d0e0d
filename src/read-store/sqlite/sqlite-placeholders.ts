/**
 * Rewrites PostgreSQL's `$1` placeholders for SQLite. When they run `$1, $2, … $n` in order,
 * each once (nearly every statement), as plain `?`; otherwise as the numbered `?1`, which
 * binds by the same index, so a statement may use a parameter twice or out of order on both
 * dialects. Plain `?` is worth the check: node:sqlite binds positional arguments to numbered
 * placeholders by scanning the parameter names for each argument, which made a 900-value
 * multi-row insert three times slower than the same insert with `?`.
 * Quoted strings, quoted identifiers and comments are copied untouched.
 */
export function toSqlitePlaceholders(sql: string): string {
  const parts = splitAtPlaceholders(sql);
  const inOrder = parts.numbers.every((n, index) => n === index + 1);
  let out = parts.text[0]!;
  parts.numbers.forEach((n, index) => {
    out += (inOrder ? '?' : `?${n}`) + parts.text[index + 1]!;
  });
  return out;
}

/** The placeholders' numbers, and the text around them (one more piece than numbers). */
function splitAtPlaceholders(sql: string): { text: string[]; numbers: number[] } {
  const text: string[] = [];
  const numbers: number[] = [];
  let piece = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const skipTo = endOfVerbatim(sql, i);
    if (skipTo > i) {
      piece += sql.slice(i, skipTo);
      i = skipTo;
    } else if (ch === '$' && isDigit(sql[i + 1])) {
      let j = i + 1;
      while (isDigit(sql[j])) j += 1;
      text.push(piece);
      numbers.push(Number(sql.slice(i + 1, j)));
      piece = '';
      i = j;
    } else {
      piece += ch;
      i += 1;
    }
  }
  text.push(piece);
  return { text, numbers };
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
