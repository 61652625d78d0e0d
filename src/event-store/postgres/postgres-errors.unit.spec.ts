import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import { isConnectionLoss, needsRerun, toStoreError } from './postgres-errors';

function withCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('PostgreSQL error mapping', () => {
  it.each([
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('08006'),
    withCode('ECONNREFUSED'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new AggregateError([withCode('ECONNREFUSED')], 'connect failed'),
  ])('treats %p as a lost connection', (error) => {
    expect(isConnectionLoss(error)).toBe(true);
    expect(toStoreError(error)).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('does not treat a constraint violation as a lost connection, but reruns it', () => {
    const error = withCode('23505', 'Key (event_id)=(x) already exists');
    expect(isConnectionLoss(error)).toBe(false);
    expect(needsRerun(error)).toBe(true);
  });

  it('never repeats the server text, which can quote stored values', () => {
    const error = toStoreError(withCode('22P02', 'invalid input syntax: "alice@example.com"'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.message).toBe('PostgreSQL failed the request (SQLSTATE 22P02)');
    expect((error as EventStoreUnavailableError).cause).toBeDefined();
  });

  it('passes the port errors and plain bugs through unchanged', () => {
    const conflict = new WrongExpectedRevisionError('s', 1, 2);
    expect(toStoreError(conflict)).toBe(conflict);
    const bug = new TypeError('x is undefined');
    expect(toStoreError(bug)).toBe(bug);
  });
});
