import { findRefusedValue } from './json-value-rules';

describe('findRefusedValue', () => {
  it('accepts ordinary JSON, astral characters and large finite numbers included', () => {
    const body: unknown = JSON.parse(
      '{"name":"\\ud83d\\ude81 drone","list":["é",1.7976931348623157e308,-0,1e-400],"nested":{"deeper":[{"ok":true,"none":null}]}}',
    );
    expect(findRefusedValue(body)).toBeUndefined();
  });

  it('names the field of a number that overflowed to Infinity', () => {
    expect(findRefusedValue(JSON.parse('{"checks":[{"at":1},{"at":-1e400}]}'))).toEqual({
      field: 'checks[1].at',
      message: expect.stringContaining('finite number') as unknown,
    });
  });

  it('names the nested field that holds an unpaired surrogate', () => {
    expect(findRefusedValue(JSON.parse('{"outer":{"list":["ok","\\udc00"]}}'))).toEqual({
      field: 'outer.list[1]',
      message: expect.stringContaining('well-formed Unicode') as unknown,
    });
  });

  it('names the object whose member name is malformed, or the body', () => {
    expect(findRefusedValue(JSON.parse('{"\\ud800":1}'))?.field).toBe('body');
    expect(findRefusedValue(JSON.parse('{"a":{"\\ud800":1}}'))?.field).toBe('a');
  });

  it('reports the first refused value in document order', () => {
    expect(findRefusedValue(JSON.parse('[1e400, "\\ud800"]'))?.field).toBe('[0]');
    expect(findRefusedValue(JSON.parse('{"b":"\\ud800","a":1e400}'))?.field).toBe('b');
  });

  it('refuses a bare Infinity or malformed string as the body', () => {
    expect(findRefusedValue(Infinity)?.field).toBe('body');
    expect(findRefusedValue('\udfff')?.field).toBe('body');
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = Infinity;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findRefusedValue(deep)?.message).toContain('finite');
  });
});
