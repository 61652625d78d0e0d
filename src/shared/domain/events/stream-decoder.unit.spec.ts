import { EventDecodingError } from './event-decoding-error';
import type { StoredObject } from './event-fields';
import { streamDecoder } from './stream-decoder';

/**
 * The upcasting seam, on a made-up stream whose only event type went from version 0 to 1
 * (renamed a field) and from 1 to 2 (added one with a default). No production event has a
 * second version yet; this is how one is added: a new check, and one upcaster per step.
 */
interface ThingRenamed {
  readonly type: 'thing-renamed';
  readonly schemaVersion: 2;
  readonly name: string;
  readonly reason: string;
}

const v0ToV1 = (data: StoredObject): StoredObject => {
  const { title, ...rest } = data;
  return { ...rest, name: title };
};
const v1ToV2 = (data: StoredObject): StoredObject => ({ ...data, reason: 'unknown' });

const decodeThing = streamDecoder<ThingRenamed>('things', {
  'thing-renamed': {
    version: 2,
    upcasters: { 0: v0ToV1, 1: v1ToV2 },
    check(fields) {
      fields.string('name');
      fields.string('reason');
    },
  },
});

const current: ThingRenamed = {
  type: 'thing-renamed',
  schemaVersion: 2,
  name: 'n',
  reason: 'typo',
};

describe('streamDecoder', () => {
  it('returns current data as it is, without copying it', () => {
    const stored = { ...current };
    expect(decodeThing(stored)).toBe(stored);
  });

  it('upcasts each older version one step at a time, and sets schemaVersion itself', () => {
    expect(decodeThing({ type: 'thing-renamed', schemaVersion: 1, name: 'n' })).toEqual({
      type: 'thing-renamed',
      schemaVersion: 2,
      name: 'n',
      reason: 'unknown',
    });
    expect(decodeThing({ type: 'thing-renamed', schemaVersion: 0, title: 'n' })).toEqual({
      type: 'thing-renamed',
      schemaVersion: 2,
      name: 'n',
      reason: 'unknown',
    });
  });

  it('leaves the stored data alone when it upcasts', () => {
    const stored = { type: 'thing-renamed', schemaVersion: 0, title: 'n' };
    decodeThing(stored);
    expect(stored).toEqual({ type: 'thing-renamed', schemaVersion: 0, title: 'n' });
  });

  it.each([-1, 3, '2', undefined, 1.5])('refuses schemaVersion %p, naming what it reads', (v) => {
    expect(() => decodeThing({ ...current, schemaVersion: v })).toThrow(
      new EventDecodingError('things', 'thing-renamed', 'schemaVersion', 'one of 0, 1, 2'),
    );
  });

  it('checks the upcast data, so an upcaster cannot hide a missing field', () => {
    expect(() => decodeThing({ type: 'thing-renamed', schemaVersion: 0 })).toThrow(
      'cannot decode things event "thing-renamed": name must be a string',
    );
  });

  it('refuses what is not an object, and an unknown type', () => {
    expect(() => decodeThing(['thing-renamed'])).toThrow(EventDecodingError);
    expect(() => decodeThing(null)).toThrow(EventDecodingError);
    expect(() => decodeThing({ ...current, type: 'thing-moved' })).toThrow(
      'cannot decode things event "(unknown)": type must be a things event type',
    );
  });
});
