import { storedEventRowOf, toRecordedEvent } from './stored-event-row';

const row = {
  position: 7n,
  event_id: '00000000-0000-4000-8000-000000000007',
  stream_name: 'policy-acme',
  stream_revision: 0n,
  event_type: 'policy-published',
  data: '{"type":"policy-published"}',
  metadata: '{"tenantId":"acme"}',
  recorded_at: 1_780_000_000_000n,
};

describe('storedEventRowOf', () => {
  it('passes a row of the events table through, column by column', () => {
    expect(storedEventRowOf(row)).toEqual(row);
    expect(toRecordedEvent(storedEventRowOf(row)).globalPosition).toBe(7n);
  });

  it('names a column of the wrong type, never its value', () => {
    expect(() => storedEventRowOf({ ...row, data: { secret: 'personal' } })).toThrow(
      new TypeError('events.data must be text, got object'),
    );
    expect(() => storedEventRowOf({ ...row, position: null })).toThrow(
      'events.position must be an integer, got null',
    );
    expect(() => storedEventRowOf({ ...row, recorded_at: 'yesterday' })).toThrow(
      'events.recorded_at must be a time, got string',
    );
  });
});
