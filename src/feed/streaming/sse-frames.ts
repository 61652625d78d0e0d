import type { FeedChange } from '../projection/feed-change-row';

/**
 * The Server-Sent Events a feed stream writes (WHATWG HTML, "Server-sent events"): each
 * change as `event: change` with its position as `id`, so a client that reconnects sends it
 * back as `Last-Event-ID`; comments (lines starting with ':') as heartbeats.
 */
export function changeFrame(change: FeedChange): string {
  return `id: ${change.position}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;
}

/** The last event to a consumer too slow for its buffer: where to resume. */
export function overflowFrame(resumeAfter: number, buffered: number): string {
  const data = {
    resumeAfter,
    detail: `this stream held ${buffered} changes the client had not read; reconnect with Last-Event-ID: ${resumeAfter} (or ?after=${resumeAfter})`,
  };
  return `event: overflow\ndata: ${JSON.stringify(data)}\n\n`;
}

export function commentFrame(text: string): string {
  return `: ${text}\n\n`;
}

/** Asks an EventSource to wait this long before reconnecting. */
export const RETRY_FRAME = 'retry: 1000\n\n';
