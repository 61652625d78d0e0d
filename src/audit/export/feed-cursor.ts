import type { EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';

const FEED_PAGE = 1000;

/** Reads the global feed forward one page at a time, one event at a time. */
export class FeedCursor {
  private page: RecordedEvent[] = [];
  private index = 0;
  private readAfter: GlobalPosition;
  private exhausted = false;
  /** Position of the last event taken (or the start): reading after it resumes here. */
  taken: GlobalPosition;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    after: GlobalPosition,
  ) {
    this.readAfter = after;
    this.taken = after;
  }

  /** The next event, without taking it; undefined at the head of the feed. */
  async peek(): Promise<RecordedEvent | undefined> {
    while (this.index >= this.page.length && !this.exhausted) {
      this.page = await this.store.readAll({ after: this.readAfter, maxCount: FEED_PAGE });
      this.index = 0;
      const last = this.page[this.page.length - 1];
      if (last === undefined) this.exhausted = true;
      else this.readAfter = last.globalPosition;
    }
    return this.page[this.index];
  }

  /** Takes the event `peek` returned. */
  take(): void {
    const event = this.page[this.index];
    if (event === undefined) throw new RangeError('nothing to take: peek first');
    this.taken = event.globalPosition;
    this.index += 1;
  }
}
