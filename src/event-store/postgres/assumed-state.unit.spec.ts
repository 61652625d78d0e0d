import { randomUUID } from 'node:crypto';
import type { SerialisedEvent } from '../append-validation';
import type { ExpectedRevision } from '../event-store.port';
import type { AppendRequest } from './append-plan';
import { planAppendGroup } from './append-plan';
import { assumedRevisions, assumedState } from './assumed-state';

function append(streamName: string, expected: ExpectedRevision, count = 1): AppendRequest {
  const events: SerialisedEvent[] = Array.from({ length: count }, () => ({
    id: randomUUID(),
    type: 't',
    data: '{}',
    metadata: '{}',
  }));
  return { streamName, events, expected };
}

describe('assumedState', () => {
  it('given exact revisions and no_stream, then it assumes exactly those, and no stored ids', () => {
    const state = assumedState([append('a', 4), append('b', 'no_stream')]);
    expect(state).toEqual({ revisions: new Map([['a', 4]]), events: new Map() });
  });

  it('given appends to one stream that follow on, then only the first expectation is assumed', () => {
    const requests = [
      append('a', 4, 2),
      append('a', 6),
      append('b', 'no_stream', 3),
      append('b', 2),
    ];
    const state = assumedState(requests)!;
    expect(state.revisions).toEqual(new Map([['a', 4]]));
    expect(assumedRevisions(requests, state)).toEqual({
      names: ['a', 'b'],
      revisions: [4, null],
    });
  });

  it('given the assumed state, then the plan inserts every append of the group', () => {
    const requests = [append('a', 4, 2), append('a', 6), append('b', 'no_stream')];
    const plan = planAppendGroup(requests, assumedState(requests)!);
    expect(plan.appends.map((p) => p.kind)).toEqual(['insert', 'insert', 'insert']);
    expect(plan.rows.map((r) => [r.streamName, r.streamRevision])).toEqual([
      ['a', 5],
      ['a', 6],
      ['a', 7],
      ['b', 0],
    ]);
  });

  it.each<[string, AppendRequest[]]>([
    ['an `any` expectation', [append('a', 'any')]],
    ['a `stream_exists` expectation', [append('a', 'stream_exists')]],
    ['a second append that does not follow on', [append('a', 4), append('a', 4)]],
    [
      'a second no_stream append to the same stream',
      [append('a', 'no_stream'), append('a', 'no_stream')],
    ],
  ])('given %s, then the state must be read first', (_, requests) => {
    expect(assumedState(requests)).toBeUndefined();
  });

  it('given an id used twice in the group, then the state must be read first', () => {
    const first = append('a', 1);
    const again: AppendRequest = { streamName: 'b', events: first.events, expected: 'no_stream' };
    expect(assumedState([first, again])).toBeUndefined();
  });
});
