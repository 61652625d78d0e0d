import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  EventTooLargeError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.errors';
import {
  START,
  type EventStore,
  type EventToAppend,
  type GlobalPosition,
  type RecordedEvent,
} from '../../src/event-store/event-store.port';

/**
 * One storage location per test. `reopen` closes nothing: it opens a second store on the
 * same data, the way a restarted process would.
 */
export interface ContractStorage {
  readonly store: EventStore;
  reopen(): Promise<EventStore>;
  destroy(): Promise<void>;
}

export interface ContractHarness {
  create(options?: { maxEventBytes?: number }): Promise<ContractStorage>;
  /** KurrentDB only deduplicates ids within one stream; the SQL stores keep ids unique. */
  readonly uniqueEventIdsAcrossStreams: boolean;
}

function event(type = 'thing-happened', data: Record<string, unknown> = {}): EventToAppend {
  return { id: randomUUID(), type, data: { ...data } as EventToAppend['data'] };
}

function stream(prefix = 's'): string {
  return `${prefix}-${randomUUID()}`;
}

async function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function ids(events: readonly { id: string }[]): string[] {
  return events.map((e) => e.id);
}

/** The behaviour every event store adapter must show, run once per adapter. */
export function describeEventStoreContract(name: string, harness: () => ContractHarness): void {
  describe(`EventStore contract: ${name}`, () => {
    let storage: ContractStorage;
    let store: EventStore;
    const extra: EventStore[] = [];
    const extraSubscriptions: { close(): Promise<void> }[] = [];

    beforeEach(async () => {
      storage = await harness().create();
      store = storage.store;
    });

    afterEach(async () => {
      for (const sub of extraSubscriptions.splice(0)) await sub.close();
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await storage.destroy();
    });

    describe('expected revision', () => {
      it('no_stream creates a stream and refuses an existing one', async () => {
        const s = stream();
        const first = await store.append(s, [event(), event()], 'no_stream');
        expect(first.nextExpectedRevision).toBe(1);

        const error = await store.append(s, [event()], 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: s, expected: 'no_stream', actual: 1 });
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const s = stream();
        const error = await store.append(s, [event()], 'stream_exists').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ actual: 'no_stream' });

        await store.append(s, [event()], 'any');
        const result = await store.append(s, [event()], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('an exact revision succeeds only when it is the current one', async () => {
        const s = stream();
        await store.append(s, [event(), event(), event()], 'no_stream');

        const stale = await store.append(s, [event()], 1).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ expected: 1, actual: 2 });

        const ahead = await store.append(s, [event()], 7).catch((e: unknown) => e);
        expect(ahead).toMatchObject({ expected: 7, actual: 2 });

        const ok = await store.append(s, [event()], 2);
        expect(ok.nextExpectedRevision).toBe(3);
      });

      it('an exact revision on a missing stream is a conflict', async () => {
        const error = await store.append(stream(), [event()], 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 0, actual: 'no_stream' });
      });

      it('any appends whatever the stream holds', async () => {
        const s = stream();
        expect((await store.append(s, [event()], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(s, [event()], 'any')).nextExpectedRevision).toBe(1);
      });

      it('of two writers racing on one revision exactly one wins', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(s, [event()], 0)),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('a failed append writes nothing', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const before = await store.headPosition();
        await store.append(s, [event(), event()], 5).catch(() => undefined);
        expect(await store.readStream(s)).toHaveLength(1);
        expect(await store.headPosition()).toBe(before);
      });
    });

    describe('idempotent retries', () => {
      it('retrying the same event ids returns the first result and stores nothing twice', async () => {
        const s = stream();
        const batch = [event(), event()];
        const first = await store.append(s, batch, 'no_stream');
        const retry = await store.append(s, batch, 'no_stream');
        expect(retry).toEqual(first);

        const stored = await store.readStream(s);
        expect(ids(stored)).toEqual(ids(batch));
        const all = await store.readAll();
        expect(all.filter((e) => e.streamName === s)).toHaveLength(2);
      });

      it('a retry with an exact revision after the first landed is also deduplicated', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const batch = [event()];
        const first = await store.append(s, batch, 0);
        const retry = await store.append(s, batch, 0);
        expect(retry).toEqual(first);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('refuses one event id used twice in one append', async () => {
        const e = event();
        const error = await store.append(stream(), [e, e], 'any').catch((x: unknown) => x);
        expect(error).toBeInstanceOf(InvalidAppendError);
      });

      it('refuses an event id already used in another stream', async () => {
        if (!harness().uniqueEventIdsAcrossStreams) return;
        const e = event();
        await store.append(stream(), [e], 'no_stream');
        const error = await store.append(stream(), [e], 'no_stream').catch((x: unknown) => x);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
      });
    });

    describe('reading', () => {
      it('reads a stream in revision order with its metadata', async () => {
        const s = stream();
        const batch: EventToAppend[] = [
          { ...event('a', { n: 1 }), metadata: { tenant: 't1' } },
          event('b', { n: 2 }),
          event('c', { nested: { list: [1, 'two', null, true] } }),
        ];
        await store.append(s, batch, 'no_stream');
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.streamRevision, e.streamName])).toEqual([
          ['a', 0, s],
          ['b', 1, s],
          ['c', 2, s],
        ]);
        expect(read[0]!.data).toEqual({ n: 1 });
        expect(read[0]!.metadata).toEqual({ tenant: 't1' });
        expect(read[1]!.metadata).toEqual({});
        expect(read[2]!.data).toEqual({ nested: { list: [1, 'two', null, true] } });
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(read[0]!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('pages through a stream from a revision', async () => {
        const s = stream();
        await store.append(
          s,
          Array.from({ length: 10 }, () => event()),
          'no_stream',
        );
        const page = await store.readStream(s, { fromRevision: 3, maxCount: 4 });
        expect(page.map((e) => e.streamRevision)).toEqual([3, 4, 5, 6]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads the global feed in append order, strictly after a position', async () => {
        const head0 = await store.headPosition();
        const a = stream('a');
        const b = stream('b');
        await store.append(a, [event('a1')], 'no_stream');
        await store.append(b, [event('b1'), event('b2')], 'no_stream');
        await store.append(a, [event('a2')], 0);

        const feed = (await store.readAll({ after: head0 })).filter(
          (e) => e.streamName === a || e.streamName === b,
        );
        expect(feed.map((e) => e.type)).toEqual(['a1', 'b1', 'b2', 'a2']);
        for (let i = 1; i < feed.length; i++) {
          expect(feed[i]!.globalPosition > feed[i - 1]!.globalPosition).toBe(true);
        }
        const afterSecond = await store.readAll({ after: feed[1]!.globalPosition, maxCount: 2 });
        expect(afterSecond.map((e) => e.type)).toEqual(['b2', 'a2']);
        expect(await store.headPosition()).toBe(feed[3]!.globalPosition);
      });

      it('returns the position of the last appended event', async () => {
        const result = await store.append(stream(), [event(), event()], 'no_stream');
        expect(result.position).toBe(await store.headPosition());
      });
    });

    describe('payloads', () => {
      it('keeps unicode exactly', async () => {
        const s = stream();
        const texts = [
          'Zürich – 東京 – القاهرة – Москва',
          '🚁 drone 👩🏽‍✈️ pilot 🏳️‍🌈',
          'e\u0301 vs \u00e9',
          'nul \u0000 inside',
          'astral 𝌆 and BOM \ufeff',
          '"quotes" \\ backslash \n newline \t tab',
        ];
        await store.append(s, [event('unicode', { texts, 'ключ 🔑': 'значение' })], 'no_stream');
        const [read] = await store.readStream(s);
        expect(read!.data).toEqual({ texts, 'ключ 🔑': 'значение' });
        const [fromFeed] = (await store.readAll()).filter((e) => e.streamName === s);
        expect(fromFeed!.data).toEqual(read!.data);
      });

      it('refuses an oversized event with a clear error and writes nothing', async () => {
        const small = await harness().create({ maxEventBytes: 4096 });
        extra.push(small.store);
        try {
          const s = stream();
          const big = event('big', { blob: 'x'.repeat(5000) });
          const error = await small.store
            .append(s, [event(), big], 'no_stream')
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(EventTooLargeError);
          expect((error as Error).message).toMatch(/bytes; the limit is 4096 bytes/);
          expect(await small.store.readStream(s)).toEqual([]);
        } finally {
          await small.destroy();
        }
      });

      it('refuses malformed appends', async () => {
        await expect(store.append(stream(), [], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(
          store.append(stream(), [{ id: 'not-a-uuid', type: 't', data: {} }], 'any'),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append('', [event()], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then delivers live events in order', async () => {
        const s = stream();
        await store.append(s, [event('old1'), event('old2')], 'no_stream');
        const seen: RecordedEvent[] = [];
        const sub = store.subscribe((e) => {
          if (e.streamName === s) seen.push(e);
        });
        extraSubscriptions.push(sub);
        await waitUntil(() => seen.length === 2);
        await store.append(s, [event('new1')], 1);
        await store.append(s, [event('new2')], 2);
        await waitUntil(() => seen.length === 4);
        expect(seen.map((e) => e.type)).toEqual(['old1', 'old2', 'new1', 'new2']);
        await sub.close();
        expect(sub.lastPosition).toBe(seen[3]!.globalPosition);
      });

      it('resumes after a restart from a stored position, losing and repeating nothing', async () => {
        const s = stream();
        await store.append(s, [event('e0'), event('e1'), event('e2')], 'no_stream');
        const seen: string[] = [];
        let checkpoint: GlobalPosition = START;
        const first = store.subscribe((e) => {
          if (e.streamName !== s) return;
          seen.push(e.type);
          checkpoint = e.globalPosition;
        });
        await waitUntil(() => seen.length === 3);
        await first.close();
        await store.append(s, [event('e3'), event('e4')], 2);

        const restarted = await storage.reopen();
        extra.push(restarted);
        const second = restarted.subscribe(
          (e) => {
            if (e.streamName === s) seen.push(e.type);
          },
          { after: checkpoint },
        );
        extraSubscriptions.push(second);
        await restarted.append(s, [event('e5')], 4);
        await waitUntil(() => seen.length === 6);
        expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
        await second.close();
      });

      it('does not deliver the next event before the handler finished', async () => {
        const s = stream();
        await store.append(s, [event('a'), event('b'), event('c')], 'no_stream');
        const log: string[] = [];
        const sub = store.subscribe(async (e) => {
          if (e.streamName !== s) return;
          log.push(`start ${e.type}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          log.push(`end ${e.type}`);
        });
        extraSubscriptions.push(sub);
        await waitUntil(() => log.length === 6);
        await sub.close();
        expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
      });
    });

    describe('concurrency', () => {
      it('many concurrent appenders to different streams: no gap, no reordering, no loss', async () => {
        const writers = 16;
        const appendsPerWriter = 25;
        const streams = Array.from({ length: writers }, () => stream('w'));
        const mine = new Set(streams);

        // A live reader running during the writes: if a reader could see position p and
        // later an event before p appeared (a gap filled late), it would miss that event.
        const live: RecordedEvent[] = [];
        const sub = store.subscribe((e) => {
          if (mine.has(e.streamName)) live.push(e);
        });
        extraSubscriptions.push(sub);

        await Promise.all(
          streams.map(async (s) => {
            for (let i = 0; i < appendsPerWriter; i++) {
              await store.append(
                s,
                [event('n', { i }), event('n2', { i })],
                i === 0 ? 'no_stream' : i * 2 - 1,
              );
            }
          }),
        );
        const total = writers * appendsPerWriter * 2;
        await waitUntil(() => live.length >= total, 30_000);
        await sub.close();

        const feed = (await store.readAll()).filter((e) => mine.has(e.streamName));
        expect(feed).toHaveLength(total);
        expect(new Set(ids(feed)).size).toBe(total);
        for (let i = 1; i < feed.length; i++) {
          expect(feed[i]!.globalPosition > feed[i - 1]!.globalPosition).toBe(true);
        }
        // The live reader saw exactly the final order: nothing appeared behind it.
        expect(ids(live)).toEqual(ids(feed));
        for (const s of streams) {
          const revisions = feed.filter((e) => e.streamName === s).map((e) => e.streamRevision);
          expect(revisions).toEqual(Array.from({ length: appendsPerWriter * 2 }, (_, i) => i));
        }
      });
    });
  });
}
