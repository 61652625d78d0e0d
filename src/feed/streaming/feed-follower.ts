import type { FeedChange } from '../projection/feed-change-row';
import { changeFrame, commentFrame, overflowFrame } from './sse-frames';

/** The part of a response a follower writes to (Node's `ServerResponse`). */
export interface FeedSink {
  write(chunk: string): boolean;
  end(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  readonly destroyed: boolean;
}

/** Reads up to `limit` of the follower's changes after a position, in order. */
export type ReadChanges = (after: number, limit: number) => Promise<FeedChange[]>;

type Mode = 'catching-up' | 'live';

/**
 * One client following the feed. Catching up it reads the store a buffer at a time, only when
 * the client has taken the previous one, so a client far behind costs no memory. Once it has
 * caught up it is live: what the projection commits is read when `wake` is called and queued.
 * A live client that stops reading cannot take what is queued; when changes are waiting
 * that no longer fit beside those it has not taken yet, the client gets a last `overflow`
 * event naming the position to resume after, and the stream ends. So a stream never holds
 * more than `maxBuffered` changes, plus what Node's socket buffer took before it said
 * "enough". (A client that stops reading in the middle of catching up holds its stream open,
 * with at most a buffer's worth queued, until it reads or leaves.)
 */
export class FeedFollower {
  private readonly queue: { readonly position: number; readonly frame: string }[] = [];
  private mode: Mode = 'catching-up';
  private cursor: number;
  private delivered: number;
  private pumping = false;
  private woken = true;
  private blocked = false;
  private closed = false;

  constructor(
    private readonly read: ReadChanges,
    private readonly sink: FeedSink,
    after: number,
    private readonly maxBuffered: number,
    /** Told once when the stream ends; `overflow`: the client was cut off as too slow. */
    private readonly onClosed: (follower: FeedFollower, overflow: boolean) => void,
  ) {
    this.cursor = after;
    this.delivered = after;
    sink.once('close', () => this.finish(false));
    // A write to a socket the client just dropped fails; the stream is over, nothing more.
    sink.on('error', () => this.finish(false));
  }

  /** Changes queued here that the client has not taken: never more than `maxBuffered`. */
  get buffered(): number {
    return this.queue.length;
  }

  /** The last position written to the client. */
  get position(): number {
    return this.delivered;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The feed may hold new changes. */
  wake(): void {
    if (this.closed) return;
    this.woken = true;
    void this.pump();
  }

  /** A heartbeat comment, unless the client is behind (then it has data coming anyway). */
  heartbeat(): void {
    if (this.gone() || this.blocked || this.queue.length > 0) return;
    this.blocked = !this.sink.write(commentFrame('heartbeat'));
    if (this.blocked) this.sink.once('drain', () => this.drained());
  }

  /** Ends the stream (shutdown), with a comment saying how to go on. */
  close(reason: string): void {
    if (this.gone()) return;
    this.sink.write(commentFrame(`${reason}; reconnect with Last-Event-ID: ${this.delivered}`));
    this.sink.end();
    this.finish(false);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        this.flush();
        if (this.mode === 'catching-up' ? this.queue.length > 0 : !this.woken) return;
        this.woken = false;
        const behind = this.queue.length > 0;
        const room = this.maxBuffered - this.queue.length;
        // One more than there is room for: finding it says the client is that far behind.
        const changes = await this.read(this.cursor, room + 1);
        if (this.closed) return;
        for (const change of changes.slice(0, room)) {
          this.queue.push({ position: change.position, frame: changeFrame(change) });
          this.cursor = change.position;
        }
        if (changes.length <= room) {
          this.mode = 'live';
          continue;
        }
        // More than fits: a client that still held changes from before is too slow for
        // them; one that had taken everything met a burst larger than its buffer, and gets
        // it a buffer at a time, as it drains.
        if (behind) return this.overflow();
        this.mode = 'catching-up';
      }
    } catch {
      // The store failed: end the stream; the client resumes from what it received.
      this.close('the feed could not be read');
    } finally {
      this.pumping = false;
    }
  }

  /** Writes what is queued while the socket takes it. */
  private flush(): void {
    while (!this.blocked && !this.gone() && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.delivered = next.position;
      if (!this.sink.write(next.frame)) {
        this.blocked = true;
        this.sink.once('drain', () => this.drained());
      }
    }
  }

  private drained(): void {
    this.blocked = false;
    if (!this.closed) void this.pump();
  }

  private overflow(): void {
    if (this.gone()) return;
    this.sink.write(overflowFrame(this.delivered, this.queue.length));
    this.sink.end();
    this.finish(true);
  }

  /** Closed, or the socket is gone already (its 'close' event may not have come yet). */
  private gone(): boolean {
    if (!this.closed && this.sink.destroyed) this.finish(false);
    return this.closed;
  }

  private finish(overflow: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.onClosed(this, overflow);
  }
}
