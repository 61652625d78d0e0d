import type { RecordedEvent } from '../../event-store/event-store.port';
import type { ChainLink } from '../leaf';
import type { BundleEntry, BundleEvent, BundleLine } from './export-bundle';

/** Receives a bundle line by line, in order; awaited before the next line is made. */
export type BundleSink = (line: BundleLine) => void | Promise<void>;

/** One line of the JSON Lines file, newline included. */
export function serializeBundleLine(line: BundleLine): string {
  return `${JSON.stringify(line)}\n`;
}

/** The event as the store returned it: data and metadata untouched, ciphertext included. */
function bundleEventOf(event: RecordedEvent): BundleEvent {
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}

export function bundleEntryOf(
  event: RecordedEvent,
  leafIndex: number | null,
  proof: readonly Uint8Array[],
  link: ChainLink | undefined,
): BundleEntry {
  return {
    kind: 'event',
    leafIndex,
    ...(link === undefined ? {} : { leafFormat: 2, previousInStream: link }),
    inclusionProof: proof.map((hash) => Buffer.from(hash).toString('base64')),
    event: bundleEventOf(event),
  };
}
