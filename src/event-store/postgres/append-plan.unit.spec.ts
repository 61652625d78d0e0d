import { randomUUID } from 'node:crypto';
import type { SerialisedEvent } from '../append-validation';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { planAppendGroup, type StoredEvent, type StoredState } from './append-plan';

function events(count: number): SerialisedEvent[] {
  return Array.from({ length: count }, () => ({
    id: randomUUID(),
    type: 't',
    data: '{}',
    metadata: '{}',
  }));
}

function state(
  revisions: Record<string, number> = {},
  stored: Record<string, StoredEvent> = {},
): StoredState {
  return { revisions: new Map(Object.entries(revisions)), events: new Map(Object.entries(stored)) };
}

describe('planAppendGroup', () => {
  it('given an empty stream, when appending with no_stream, then revisions start at 0', () => {
    const batch = events(2);
    const plan = planAppendGroup(
      [{ streamName: 'a', events: batch, expected: 'no_stream' }],
      state(),
    );
    expect(plan.appends).toEqual([{ kind: 'insert', nextExpectedRevision: 1, lastRow: 1 }]);
    expect(plan.rows.map((r) => [r.event.id, r.streamRevision])).toEqual([
      [batch[0]!.id, 0],
      [batch[1]!.id, 1],
    ]);
  });

  it('given two appends to one stream in a group, then the second sees the first', () => {
    const plan = planAppendGroup(
      [
        { streamName: 'a', events: events(1), expected: 4 },
        { streamName: 'a', events: events(2), expected: 5 },
        { streamName: 'a', events: events(1), expected: 5 },
      ],
      state({ a: 4 }),
    );
    expect(plan.appends[0]).toEqual({ kind: 'insert', nextExpectedRevision: 5, lastRow: 0 });
    expect(plan.appends[1]).toEqual({ kind: 'insert', nextExpectedRevision: 7, lastRow: 2 });
    const third = plan.appends[2]!;
    expect(third.kind).toBe('refused');
    if (third.kind !== 'refused') return;
    expect(third.error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(third.error).toMatchObject({ expected: 5, actual: 7 });
    expect(plan.rows.map((r) => r.streamRevision)).toEqual([5, 6, 7]);
  });

  it('given a batch stored as exactly that batch, then the original result is returned whatever the stream holds', () => {
    const batch = events(2);
    const stored = {
      [batch[0]!.id]: { streamName: 'a', streamRevision: 3, position: 41n },
      [batch[1]!.id]: { streamName: 'a', streamRevision: 4, position: 42n },
    };
    const plan = planAppendGroup(
      [{ streamName: 'a', events: batch, expected: 'no_stream' }],
      state({ a: 9 }, stored),
    );
    expect(plan.appends).toEqual([
      { kind: 'retried', result: { nextExpectedRevision: 4, position: 42n } },
    ]);
    expect(plan.rows).toEqual([]);
  });

  it.each([
    ['another stream', { streamName: 'b', streamRevision: 0, position: 1n }, undefined],
    ['a partial overlap', { streamName: 'a', streamRevision: 0, position: 1n }, undefined],
    [
      'another order',
      { streamName: 'a', streamRevision: 1, position: 2n },
      { streamName: 'a', streamRevision: 0, position: 1n },
    ],
  ])('given ids stored in %s, then the append is refused as a duplicate', (_, first, second) => {
    const batch = events(2);
    const stored: Record<string, StoredEvent> = { [batch[0]!.id]: first };
    if (second) stored[batch[1]!.id] = second;
    const plan = planAppendGroup(
      [{ streamName: 'a', events: batch, expected: 'any' }],
      state({ a: 1 }, stored),
    );
    const [planned] = plan.appends;
    expect(planned?.kind).toBe('refused');
    if (planned?.kind !== 'refused') return;
    expect(planned.error).toBeInstanceOf(DuplicateEventIdError);
    expect(planned.error).toMatchObject({ eventId: batch[0]!.id });
  });

  it('given an append reusing ids an earlier append of the group inserts, then it is deferred', () => {
    const batch = events(1);
    const plan = planAppendGroup(
      [
        { streamName: 'a', events: batch, expected: 'no_stream' },
        { streamName: 'a', events: batch, expected: 'no_stream' },
      ],
      state(),
    );
    expect(plan.appends.map((a) => a.kind)).toEqual(['insert', 'deferred']);
    expect(plan.rows).toHaveLength(1);
  });

  it('given a refused append, then it leaves no rows and does not move the stream', () => {
    const plan = planAppendGroup(
      [
        { streamName: 'a', events: events(3), expected: 7 },
        { streamName: 'a', events: events(1), expected: 'no_stream' },
      ],
      state(),
    );
    expect(plan.appends.map((a) => a.kind)).toEqual(['refused', 'insert']);
    expect(plan.rows.map((r) => r.streamRevision)).toEqual([0]);
  });
});
