import type { RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbUnsupportedError } from './kurrentdb.errors';
import { toStreamState } from './kurrentdb-append';
import { isUserEvent, toRecordedEvent, userStreamsFilter } from './kurrentdb-recorded-event';

const created = new Date('2026-03-01T10:00:00Z');

function stored(overrides: Partial<Record<string, unknown>> = {}): KurrentRecordedEvent {
  return {
    streamId: 's-1',
    id: 'A1B2C3D4-0000-4000-8000-000000000001',
    isJson: true,
    revision: 3n,
    type: 'consent-granted',
    created,
    data: { purpose: 'analytics' },
    metadata: { tenant: 't1' },
    position: { commit: 777n, prepare: 777n },
    ...overrides,
  };
}

describe('KurrentDB recorded events', () => {
  it('converts a stored JSON event into the port shape', () => {
    expect(toRecordedEvent(stored())).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      type: 'consent-granted',
      streamName: 's-1',
      streamRevision: 3,
      globalPosition: 777n,
      data: { purpose: 'analytics' },
      metadata: { tenant: 't1' },
      recordedAt: created,
    });
  });

  it('reads absent metadata as an empty object', () => {
    expect(toRecordedEvent(stored({ metadata: undefined })).metadata).toEqual({});
  });

  it.each([
    ['binary data', { isJson: false, data: new Uint8Array([1, 2]) }],
    ['a JSON array', { data: [1, 2] }],
    ['binary metadata', { metadata: new Uint8Array([1]) }],
    ['no $all position (server before 22.6)', { position: undefined }],
  ])('refuses an event with %s', (_name, overrides) => {
    expect(() => toRecordedEvent(stored(overrides))).toThrow(KurrentDbUnsupportedError);
  });

  it('tells user events from system events', () => {
    expect(isUserEvent({ streamId: 's-1', type: 'consent-granted' })).toBe(true);
    expect(isUserEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(false);
    expect(isUserEvent({ streamId: '$$s-1', type: '$metadata' })).toBe(false);
    expect(isUserEvent({ streamId: 's-1', type: '$streamDeleted' })).toBe(false);
  });

  it('asks the server to leave out streams starting with $', () => {
    expect(userStreamsFilter()).toMatchObject({ filterOn: 'streamName', regex: '^[^$]' });
  });

  it('maps expected revisions to the client stream states', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(41)).toBe(41n);
  });
});
