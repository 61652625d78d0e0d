import { ProblemException } from '../../http/problem';
import { countParameter, leafSelector, requiredCount } from './audit-parameters';

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
