import { PassThrough } from 'node:stream';
import {
  UnavailableError,
  type AllStreamResolvedEvent,
  type KurrentDBClient,
  type ReadAllOptions,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { START, type RecordedEvent } from '../event-store.port';
import { kurrentDbHeadPosition, readKurrentDbAll } from './kurrentdb-read-all';
import { KurrentDbSubscription } from './kurrentdb-subscription';

/**
 * An in-memory `$all` with the server's documented boundaries: a forward read includes the
 * event at its start position, a subscription starts after it; filters match stream names.
 */
class FakeAll {
  readonly log: AllStreamResolvedEvent[] = [];
  readonly subscriptions: (PassThrough & { from: bigint })[] = [];
  private next = 100n;

  add(streamId: string, type = 'thing-happened'): bigint {
    const position = (this.next += 100n);
    this.log.push({
      event: {
        streamId,
        id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
        isJson: true,
        revision: 0n,
        type,
        created: new Date(),
        data: { position: Number(position) },
        metadata: undefined,
        position: { commit: position, prepare: position },
      },
    });
    return position;
  }

  client(): KurrentDBClient {
    return {
      readAll: (options: ReadAllOptions = {}) => this.readAll(options),
      subscribeToAll: (options: SubscribeToAllOptions = {}) => this.subscribeToAll(options),
    } as unknown as KurrentDBClient;
  }

  private async *readAll(options: ReadAllOptions): AsyncIterableIterator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    let events = this.log.filter((e) => this.matches(e, options));
    if (backwards) events = [...events].reverse();
    else if (typeof from === 'object') events = events.filter((e) => positionOf(e) >= from.commit);
    yield* events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  private subscribeToAll(options: SubscribeToAllOptions) {
    const from = typeof options.fromPosition === 'object' ? options.fromPosition.commit : 0n;
    const stream = Object.assign(new PassThrough({ objectMode: true }), {
      from,
      unsubscribe: () => Promise.resolve(),
    });
    for (const e of this.log) {
      if (this.matches(e, options) && positionOf(e) > from) stream.write(e);
    }
    setImmediate(() => stream.emit('confirmation'));
    this.subscriptions.push(stream);
    return stream;
  }

  private matches(e: AllStreamResolvedEvent, options: { filter?: unknown }): boolean {
    const filter = options.filter as { regex?: string } | undefined;
    return filter?.regex === undefined || new RegExp(filter.regex).test(e.event!.streamId);
  }
}

function positionOf(e: AllStreamResolvedEvent): bigint {
  return e.event!.position.commit;
}

async function waitUntil(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(predicate()).toBe(true);
}

describe('KurrentDB global feed', () => {
  describe('readAll', () => {
    it('returns user events strictly after the position, all of them when unbounded', async () => {
      const all = new FakeAll();
      const a = all.add('a');
      all.add('$stats-node', '$statsCollected');
      const b = all.add('b');
      const c = all.add('c');
      const read = await readKurrentDbAll(all.client(), { after: a });
      expect(read.map((e) => e.globalPosition)).toEqual([b, c]);
      expect((await readKurrentDbAll(all.client())).map((e) => e.streamName)).toEqual([
        'a',
        'b',
        'c',
      ]);
    });

    it('fills a bounded page even when system events in user streams are dropped', async () => {
      const all = new FakeAll();
      const first = all.add('a');
      all.add('a', '$streamDeleted');
      all.add('a', '$streamDeleted');
      const wanted = [all.add('b'), all.add('c')];
      all.add('d');
      const read = await readKurrentDbAll(all.client(), { after: first, maxCount: 2 });
      expect(read.map((e) => e.globalPosition)).toEqual(wanted);
    });

    it('returns nothing after the newest event and for a zero count', async () => {
      const all = new FakeAll();
      const last = all.add('a');
      expect(await readKurrentDbAll(all.client(), { after: last, maxCount: 10 })).toEqual([]);
      expect(await readKurrentDbAll(all.client(), { maxCount: 0 })).toEqual([]);
    });
  });

  describe('headPosition', () => {
    it('is the newest user event, START when there is none', async () => {
      const all = new FakeAll();
      expect(await kurrentDbHeadPosition(all.client())).toBe(START);
      const head = all.add('a');
      all.add('a', '$streamDeleted');
      all.add('$settings', '$settings');
      expect(await kurrentDbHeadPosition(all.client())).toBe(head);
    });
  });

  describe('subscribe', () => {
    it('awaits the handler before the next event and resumes after an error', async () => {
      const all = new FakeAll();
      const positions = [all.add('a'), all.add('$stats', '$statsCollected'), all.add('b')];
      const log: string[] = [];
      const errors: unknown[] = [];
      const subscription = new KurrentDbSubscription(
        all.client(),
        async (event: RecordedEvent) => {
          log.push(`start ${event.streamName}`);
          await new Promise((r) => setTimeout(r, 3));
          log.push(`end ${event.streamName}`);
        },
        { onError: (error) => errors.push(error) },
        { minMs: 1, maxMs: 2 },
      );
      await waitUntil(() => log.length === 4);
      expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
      expect(subscription.lastPosition).toBe(positions[2]);

      // The connection drops; a new event lands meanwhile.
      all.subscriptions[0]!.destroy(new UnavailableError());
      const later = all.add('c');
      await waitUntil(() => log.length === 6);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
      expect(all.subscriptions[1]!.from).toBe(positions[2]);
      expect(log.slice(4)).toEqual(['start c', 'end c']);
      expect(subscription.lastPosition).toBe(later);

      await subscription.close();
      await subscription.close();
    });

    it('starts after the given position and treats an ended stream as a failure', async () => {
      const all = new FakeAll();
      const a = all.add('a');
      const b = all.add('b');
      const seen: string[] = [];
      const errors: unknown[] = [];
      const subscription = new KurrentDbSubscription(
        all.client(),
        (event) => {
          seen.push(event.streamName);
        },
        { after: a, onError: (error) => errors.push(error) },
        { minMs: 1, maxMs: 2 },
      );
      await waitUntil(() => seen.length === 1);
      expect(all.subscriptions[0]!.from).toBe(a);
      all.subscriptions[0]!.end();
      await waitUntil(() => all.subscriptions.length === 2);
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
      expect(all.subscriptions[1]!.from).toBe(b);
      await subscription.close();
      expect(seen).toEqual(['b']);
    });

    it('close resolves only after a running handler finished', async () => {
      const all = new FakeAll();
      all.add('a');
      let release: () => void = () => undefined;
      let started = false;
      let finished = false;
      const subscription = new KurrentDbSubscription(all.client(), async () => {
        started = true;
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      });
      await waitUntil(() => started);
      let closed = false;
      const closing = subscription.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 10));
      expect(closed).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);
    });
  });
});
