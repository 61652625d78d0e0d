import { Writable } from 'node:stream';
import type { FeedChange } from '../projection/feed-change-row';
import { FeedFollower } from './feed-follower';

function change(position: number): FeedChange {
  return {
    position,
    subjectId: `subject-${position % 7}`,
    category: 'approximate-location',
    recipient: 'map-provider-row',
    purpose: 'map-display',
    permitted: position % 2 === 0,
    basis: position % 2 === 0 ? 'grant' : null,
    validFrom: '2026-06-01T12:00:00.000Z',
    causeEventId: `event-${position}`,
    causePosition: String(position),
    trigger: 'event',
    policyVersion: 1,
  };
}

/** The feed as a store would hold it, read as `FeedReader.page` reads it. */
class Feed {
  readonly changes: FeedChange[] = [];
  reads = 0;
  add(count: number): void {
    for (let i = 0; i < count; i++) this.changes.push(change(this.changes.length + 1));
  }
  read = (after: number, limit: number): Promise<FeedChange[]> => {
    this.reads += 1;
    return Promise.resolve(this.changes.filter((c) => c.position > after).slice(0, limit));
  };
}

/**
 * A client socket as the follower sees it: every frame the follower wrote is recorded. One
 * that never reads says "enough" once 512 bytes wait and never drains; one that reads
 * takes everything, asynchronously.
 */
function sink(reads: boolean): { stream: Writable; text: () => string } {
  const written: string[] = [];
  const stream = new Writable({
    highWaterMark: 512,
    decodeStrings: false,
    write(_chunk: string, _encoding, done) {
      if (reads) setImmediate(done);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string) => {
    written.push(chunk);
    return write(chunk);
  }) as Writable['write'];
  return { stream, text: () => written.join('') };
}

function positionsIn(text: string): number[] {
  return [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
}

/** Settles the follower's reads and writes (promise jobs and immediates), without a timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('FeedFollower', () => {
  it('cuts off a client that does not read once its buffer is full, naming where to resume', async () => {
    const feed = new Feed();
    const client = sink(false);
    let closed = 0;
    const follower = new FeedFollower(feed.read, client.stream, 0, 5, () => (closed += 1));
    const buffered: number[] = [];
    feed.add(3);
    follower.wake();
    await settle();
    buffered.push(follower.buffered);
    for (let round = 0; round < 20 && !follower.isClosed; round++) {
      feed.add(2);
      follower.wake();
      await settle();
      buffered.push(follower.buffered);
    }

    expect(follower.isClosed).toBe(true);
    expect(closed).toBe(1);
    expect(Math.max(...buffered)).toBeLessThanOrEqual(5);
    expect(Math.max(...buffered)).toBeGreaterThan(0);
    expect(client.stream.writableEnded).toBe(true);
    const text = client.text();
    // What reached the socket before it stopped taking more, then the last word.
    const delivered = positionsIn(text);
    expect(delivered).toEqual(delivered.map((_, i) => i + 1));
    const overflow = /event: overflow\ndata: (.*)\n\n$/.exec(text);
    expect(JSON.parse(overflow![1]!)).toMatchObject({ resumeAfter: delivered.at(-1) });
    // Node's socket buffer holds the frames written before it said "enough", no more.
    expect(delivered.length).toBeLessThan(5);
  });

  it('gives a client that reads a backlog far larger than its buffer, and then live changes, in order', async () => {
    const feed = new Feed();
    feed.add(2000);
    const client = sink(true);
    const follower = new FeedFollower(feed.read, client.stream, 0, 5, () => undefined);
    let largest = 0;
    follower.wake();
    for (let round = 0; round < 400 && follower.position < 2000; round++) {
      await settle();
      largest = Math.max(largest, follower.buffered);
    }
    feed.add(30);
    follower.wake();
    for (let round = 0; round < 50 && follower.position < 2030; round++) await settle();

    expect(follower.isClosed).toBe(false);
    expect(largest).toBeLessThanOrEqual(5);
    expect(positionsIn(client.text())).toEqual(feed.changes.map((c) => c.position));
    expect(client.text()).not.toContain('overflow');
    follower.close('done');
    expect(client.text()).toMatch(/: done; reconnect with Last-Event-ID: 2030\n\n$/);
  });

  it('resumes after the position it is given, and reads nothing for a client that left', async () => {
    const feed = new Feed();
    feed.add(10);
    const client = sink(true);
    const follower = new FeedFollower(feed.read, client.stream, 7, 100, () => undefined);
    follower.wake();
    for (let round = 0; round < 20 && follower.position < 10; round++) await settle();
    expect(positionsIn(client.text())).toEqual([8, 9, 10]);
    client.stream.destroy();
    await settle();
    const reads = feed.reads;
    feed.add(5);
    follower.wake();
    await settle();
    expect(follower.isClosed).toBe(true);
    expect(feed.reads).toBe(reads);
  });
});
