import { toSqlitePlaceholders } from './sqlite-placeholders';

describe('toSqlitePlaceholders', () => {
  it('rewrites $1 … $n in order, each once, as plain ?', () => {
    expect(toSqlitePlaceholders('SELECT * FROM t WHERE a = $1 AND b = $2')).toBe(
      'SELECT * FROM t WHERE a = ? AND b = ?',
    );
    const values = Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(',');
    expect(toSqlitePlaceholders(`VALUES (${values})`)).toBe(`VALUES (${'?,'.repeat(11)}?)`);
  });

  it('rewrites $n as ?n, keeping the numbers, when reused, reordered or skipped', () => {
    expect(toSqlitePlaceholders('SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2')).toBe(
      'SELECT * FROM t WHERE a = ?2 AND b = ?1 OR c = ?2',
    );
    expect(toSqlitePlaceholders('VALUES ($1,$10,$11)')).toBe('VALUES (?1,?10,?11)');
    expect(toSqlitePlaceholders('WHERE a = $1 AND b = $1')).toBe('WHERE a = ?1 AND b = ?1');
    expect(toSqlitePlaceholders('WHERE a = $2')).toBe('WHERE a = ?2');
  });

  it('leaves quoted text, quoted identifiers and comments alone', () => {
    const sql = `SELECT '$1', 'it''s $2', "col$3" -- $4\n, $5 /* $6 */ FROM t`;
    expect(toSqlitePlaceholders(sql)).toBe(
      `SELECT '$1', 'it''s $2', "col$3" -- $4\n, ?5 /* $6 */ FROM t`,
    );
    expect(toSqlitePlaceholders(`SELECT '$2', $1, $2 -- $3\n FROM t`)).toBe(
      `SELECT '$2', ?, ? -- $3\n FROM t`,
    );
  });

  it('leaves a $ that is not followed by a digit', () => {
    expect(toSqlitePlaceholders('SELECT $a, $ FROM t')).toBe('SELECT $a, $ FROM t');
  });
});
