import { ProblemException } from '../../http/problem';
import { countParameter, leafSelector, requiredCount } from './audit-parameters';
import { exportSelection } from './export-parameters';

function problemOf(run: () => unknown): ProblemException['problem'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('audit query parameters', () => {
  it('reads decimal counts and nothing else', () => {
    expect(countParameter('treeSize', undefined, 1)).toBeUndefined();
    expect(countParameter('treeSize', '42', 1)).toBe(42);
    for (const bad of ['0', '-1', '1e3', '0x10', '01', ' 1', '1.0', '9007199254740993']) {
      expect(problemOf(() => countParameter('treeSize', bad, 1))).toMatchObject({
        status: 400,
        detail: 'treeSize must be an integer of at least 1',
        extensions: { errors: [{ field: 'treeSize' }] },
      });
    }
    expect(problemOf(() => requiredCount('from', undefined, 1)).detail).toBe('from is required');
  });

  it('takes exactly one of eventId and leafIndex', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(leafSelector(id, undefined)).toEqual({ eventId: id });
    expect(leafSelector(undefined, '0')).toEqual({ leafIndex: 0 });
    for (const [eventId, leafIndex] of [
      [undefined, undefined],
      [id, '0'],
    ] as const) {
      const problem = problemOf(() => leafSelector(eventId, leafIndex));
      expect(problem.detail).toBe('give exactly one of eventId and leafIndex');
      expect(problem.extensions?.errors).toEqual([
        { field: 'eventId', message: 'give exactly one of eventId and leafIndex' },
        { field: 'leafIndex', message: 'give exactly one of eventId and leafIndex' },
      ]);
    }
    expect(problemOf(() => leafSelector('nope', undefined)).detail).toBe('eventId must be a UUID');
  });
});

describe('export query parameters', () => {
  it('reads a range of RFC 3339 date-times, with any offset, as epoch milliseconds', () => {
    expect(exportSelection(undefined, '2026-07-01T00:00:00+02:00', '2026-07-01T00:00:00Z')).toEqual(
      { kind: 'recorded-between', from: Date.UTC(2026, 5, 30, 22), to: Date.UTC(2026, 6, 1) },
    );
  });

  it.each([
    ['a day that does not exist', '2026-02-30T00:00:00Z'],
    ['hour 24', '2026-06-01T24:00:00Z'],
    ['no offset', '2026-06-01T00:00:00'],
    ['a date only', '2026-06-01'],
  ])('refuses %s rather than guess the time', (_case, from) => {
    expect(problemOf(() => exportSelection(undefined, from, undefined))).toMatchObject({
      status: 400,
      detail: 'from must be an RFC 3339 date-time, e.g. 2026-06-01T00:00:00Z',
      extensions: { errors: [{ field: 'from' }] },
    });
  });

  it('takes a subject id in either case and keeps it lower-cased', () => {
    expect(exportSelection('0F8FAD5B-D9CB-469F-A165-70867728950E', undefined, undefined)).toEqual({
      kind: 'subject',
      subjectId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    expect(problemOf(() => exportSelection('not-a-uuid', undefined, undefined)).detail).toBe(
      'subjectId must be a UUID',
    );
  });
});
