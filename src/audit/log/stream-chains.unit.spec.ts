import type { RecordedEvent } from '../../event-store/event-store.port';
import { leafHashOf } from '../leaf';
import { StreamChains } from './stream-chains';

function event(n: number, streamName: string): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'maintenance-noted',
    streamName,
    streamRevision: n,
    globalPosition: BigInt(n + 1),
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    data: { n },
    metadata: {},
  };
}

describe('stream chains', () => {
  it('leaves leaves below the pin format 1, then links each stream to its previous leaf', () => {
    const chains = new StreamChains((log) => (log === 'a' ? 2 : 0));
    const [e0, e1, e2, e3] = [event(0, 's'), event(1, 't'), event(2, 's'), event(3, 't')];
    const l0 = chains.next(e0, 'a', 0);
    const l1 = chains.next(e1, 'a', 1);
    expect([l0.link, l1.link]).toEqual([undefined, undefined]);
    expect(l0.hash).toEqual(leafHashOf(e0));
    const l2 = chains.next(e2, 'a', 2);
    expect(l2.link).toEqual({ leafIndex: 0, leafHash: l0.hash.toString('hex') });
    expect(l2.hash).toEqual(leafHashOf(e2, l2.link));
    expect(chains.next(e3, 'a', 3).link).toEqual({
      leafIndex: 1,
      leafHash: l1.hash.toString('hex'),
    });
  });

  it('chains a stream per log, from its first leaf marked first', () => {
    const chains = new StreamChains(() => 0);
    expect(chains.next(event(0, 's'), 'a', 0).link).toBe('first');
    expect(chains.next(event(1, 's'), 'b', 0).link).toBe('first');
    expect(chains.next(event(2, 's'), 'a', 1).link).toMatchObject({ leafIndex: 0 });
    expect([...chains.movedHeads().values()].map((head) => head.leafIndex)).toEqual([1, 0]);
  });
});
