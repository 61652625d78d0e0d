import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { KurrentDbRejectedError } from './kurrentdb.errors';
import { mapKurrentError, toCurrentRevision } from './kurrentdb-error-mapping';

function wrongExpectedVersion(
  expected: WrongExpectedVersionError['expectedState'],
  current: WrongExpectedVersionError['actualState'],
): WrongExpectedVersionError {
  return new WrongExpectedVersionError(undefined, { streamName: 's-1', expected, current });
}

describe('KurrentDB error mapping', () => {
  describe('wrong expected version', () => {
    it('becomes WrongExpectedRevisionError with the actual revision as a number', () => {
      const mapped = mapKurrentError(wrongExpectedVersion(1n, 2n), {
        streamName: 's-1',
        expected: 1,
      });
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ streamName: 's-1', expected: 1, actual: 2 });
    });

    it('reports a missing stream as no_stream', () => {
      const mapped = mapKurrentError(wrongExpectedVersion('stream_exists', 'no_stream'), {
        streamName: 's-1',
        expected: 'stream_exists',
      });
      expect(mapped).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    });

    it('describes the conflict in the port terms the caller used', () => {
      // The server reports `no_stream` for an exact revision on a missing stream.
      const mapped = mapKurrentError(wrongExpectedVersion(0n, 'no_stream'), {
        streamName: 's-1',
        expected: 0,
      });
      expect(mapped).toMatchObject({ expected: 0, actual: 'no_stream' });
    });

    it('falls back to what the client reported when the caller gave no context', () => {
      expect(mapKurrentError(wrongExpectedVersion(7n, 2n))).toMatchObject({
        streamName: 's-1',
        expected: 7,
        actual: 2,
      });
      expect(mapKurrentError(wrongExpectedVersion('no_stream', 0n))).toMatchObject({
        expected: 'no_stream',
        actual: 0,
      });
    });

    it('treats the negative revision of a deleted stream as no stream', () => {
      expect(toCurrentRevision(-5n)).toBe('no_stream');
      expect(toCurrentRevision(3n)).toBe(3);
    });
  });

  describe('unavailability', () => {
    const notLeader = new NotLeaderError({
      metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
    } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);

    it.each([
      ['unavailable', new UnavailableError()],
      ['deadline exceeded', new DeadlineExceededError()],
      ['not leader', notLeader],
      ['unknown bridge failure', new UnknownError()],
    ])('maps %s to EventStoreUnavailableError, keeping the cause', (_name, error) => {
      const mapped = mapKurrentError(error);
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as EventStoreUnavailableError).cause).toBe(error);
    });

    it('maps a raw gRPC UNAVAILABLE (as the capability check rejects) to EventStoreUnavailableError', () => {
      const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
        code: 14,
        details: 'No connection established',
      });
      const mapped = mapKurrentError(raw);
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as EventStoreUnavailableError).cause).toBe(raw);
    });

    it('maps a cluster discovery that gave up to EventStoreUnavailableError', () => {
      const mapped = mapKurrentError(new Error('Failed to discover after 10 attempts.'));
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    });
  });

  it.each([
    ['access denied', new AccessDeniedError()],
    ['stream deleted', StreamDeletedError.fromStreamName('s-1')],
  ])('maps %s to KurrentDbRejectedError', (_name, error) => {
    const mapped = mapKurrentError(error);
    expect(mapped).toBeInstanceOf(KurrentDbRejectedError);
    expect((mapped as KurrentDbRejectedError).cause).toBe(error);
  });

  it('reports an append over the server MaxAppendSize as an invalid append saying what to change', () => {
    const mapped = mapKurrentError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576));
    expect(mapped).toBeInstanceOf(InvalidAppendError);
    expect((mapped as Error).message).toMatch(/MaxAppendSize of 1048576 bytes/);
  });

  it('passes the port errors and foreign errors through unchanged', () => {
    const portError = new InvalidAppendError('bad');
    const bug = new TypeError('x is undefined');
    expect(mapKurrentError(portError)).toBe(portError);
    expect(mapKurrentError(bug)).toBe(bug);
    expect(mapKurrentError('text')).toBe('text');
  });
});
