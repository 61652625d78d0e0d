import { ProblemException } from '../../http/problem';
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

describe('export parameters', () => {
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
