import { toSqlitePlaceholders } from './sqlite-placeholders';

describe('toSqlitePlaceholders', () => {
  it('rewrites $n as ?n, keeping the numbers so reuse and reordering still bind right', () => {
    expect(toSqlitePlaceholders('SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2')).toBe(
      'SELECT * FROM t WHERE a = ?2 AND b = ?1 OR c = ?2',
    );
    expect(toSqlitePlaceholders('VALUES ($1,$10,$11)')).toBe('VALUES (?1,?10,?11)');
  });

  it('leaves quoted text, quoted identifiers and comments alone', () => {
    const sql = `SELECT '$1', 'it''s $2', "col$3" -- $4\n, $5 /* $6 */ FROM t`;
    expect(toSqlitePlaceholders(sql)).toBe(
      `SELECT '$1', 'it''s $2', "col$3" -- $4\n, ?5 /* $6 */ FROM t`,
    );
  });

  it('leaves a $ that is not followed by a digit', () => {
    expect(toSqlitePlaceholders('SELECT $a, $ FROM t')).toBe('SELECT $a, $ FROM t');
  });
});
