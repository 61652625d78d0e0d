import type { JsonObject, RecordedEvent } from '../../event-store/event-store.port';
import { logOfEvent, SYSTEM_LOG } from './log-of-event';

function event(data: JsonObject, metadata: JsonObject): RecordedEvent {
  return {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    type: 't',
    streamName: 's',
    streamRevision: 0,
    globalPosition: 1n,
    recordedAt: new Date(0),
    data,
    metadata,
  };
}

describe('the log an event joins', () => {
  it("is the tenant of the metadata, else of the data, else the system's", () => {
    expect(logOfEvent(event({ tenantId: 'b' }, { tenantId: 'a' }))).toBe('a');
    expect(logOfEvent(event({ tenantId: 'b' }, {}))).toBe('b');
    expect(logOfEvent(event({}, {}))).toBe(SYSTEM_LOG);
  });

  it('skips a tenant id that is not one, so no origin gets spaces, plus signs or slashes', () => {
    expect(logOfEvent(event({ tenantId: 'b' }, { tenantId: 'A B' }))).toBe('b');
    expect(logOfEvent(event({ tenantId: 'x+y' }, { tenantId: 42 }))).toBe(SYSTEM_LOG);
    expect(logOfEvent(event({ tenantId: '../other' }, {}))).toBe(SYSTEM_LOG);
  });
});
