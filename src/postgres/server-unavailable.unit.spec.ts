import { translateError } from '../read-store/postgres/postgres-connection-errors';
import { ReadStoreUnavailableError } from '../read-store/read-store.errors';
import { toKeyStoreError } from '../keys/storage/postgres-key-errors';
import { KeyStoreUnavailableError } from '../keys/keys.errors';
import { isServerUnavailable } from './server-unavailable';

function withCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isServerUnavailable', () => {
  it.each([
    [
      'a server shutting down',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['a crash of another backend', withCode('57P02')],
    [
      'a server starting up or in recovery',
      withCode('57P03', 'the database system is starting up'),
    ],
    ['a statement timeout', withCode('57014')],
    ['too many connections', withCode('53300')],
    ['a full disk', withCode('53100')],
    ['an I/O error', withCode('58030')],
    ['an internal error', withCode('XX000')],
    ['a serialization failure', withCode('40001')],
    ['a deadlock', withCode('40P01')],
    ['a refused connect', withCode('ECONNREFUSED')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a pool with no free connection', new Error('timeout exceeded when trying to connect')],
    ['a socket that closed', new Error('Connection terminated unexpectedly')],
    [
      'a client that lost its connection',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('counts %s as unavailable, for the read and key stores alike', (_, error) => {
    expect(isServerUnavailable(error)).toBe(true);
    expect(translateError(error)).toBeInstanceOf(ReadStoreUnavailableError);
    expect(toKeyStoreError(error)).toBeInstanceOf(KeyStoreUnavailableError);
  });

  it.each([
    ['a syntax error', withCode('42601')],
    ['a missing table', withCode('42P01')],
    ['a unique violation', withCode('23505')],
    ['a bug of ours', new TypeError('x is undefined')],
  ])('passes %s through unchanged: that is a bug, not an outage', (_, error) => {
    expect(isServerUnavailable(error)).toBe(false);
    expect(translateError(error)).toBe(error);
    expect(toKeyStoreError(error)).toBe(error);
  });
});
