import type { JsonObject } from '../../event-store/event-store.port';
import type { CombinationRecord } from '../../read-side/replay';
import type { ChainLink } from '../leaf';

/**
 * The export bundle, format version 2 (docs/adr/0014, 0041, `bundle.schema.json`): JSON Lines, so
 * that a bundle of a million events is written and verified as a stream. The first line is
 * the header, then one line per event in feed order, then the end line. Every line is one
 * JSON object whose `kind` says which of the three it is.
 *
 * This file is the contract between the exporter and the offline verifier; it imports
 * nothing but types, so the verifier can read it without the service.
 */
export const BUNDLE_FORMAT = 'consent-ledger-export';
export const BUNDLE_VERSION = 2;
/** Versions a verifier reads: 1 is 2 without chained leaves (docs/adr/0041). */
export const READABLE_BUNDLE_VERSIONS: readonly number[] = [1, BUNDLE_VERSION];

/** What the bundle was asked for. */
export type BundleSelection =
  /** Every event of the subject's stream, with the tenant's policy events to replay them. */
  | { readonly kind: 'subject'; readonly subjectId: string }
  /**
   * The tenant's events recorded in [from, to) (ISO 8601; null: unbounded), as the
   * contiguous span of leaves from the first to the last of them.
   */
  | { readonly kind: 'recorded-between'; readonly from: string | null; readonly to: string | null };

export interface BundleHeader {
  readonly kind: 'header';
  readonly format: typeof BUNDLE_FORMAT;
  /** `BUNDLE_VERSION` when written; a verifier also reads version 1. */
  readonly version: number;
  readonly tenant: string;
  /** The tenant log's origin: the checkpoint's first line and its signing key's name. */
  readonly origin: string;
  readonly exportedAt: string;
  readonly selection: BundleSelection;
  /** The one signed checkpoint every inclusion proof of the bundle leads to. */
  readonly checkpoint: { readonly note: string };
  /** Subject selections only: the subject's flow windows as the service's read side holds them. */
  readonly flowWindows?: readonly CombinationRecord[];
}

/** An event exactly as the store returned it (data and metadata still sealed). */
export interface BundleEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly streamRevision: number;
  /** Decimal: positions are unsigned 64-bit. */
  readonly globalPosition: string;
  /** `Date#toISOString` of the store's transaction time. */
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface BundleEntry {
  readonly kind: 'event';
  /**
   * The event's leaf in the tenant log, or null when the service's log holds no leaf for
   * it (the verifier reports such an event: it is not provably in the log).
   */
  readonly leafIndex: number | null;
  /** Base64 RFC 9162 inclusion proof of the leaf in the checkpoint's tree; empty when null. */
  readonly inclusionProof: readonly string[];
  readonly event: BundleEvent;
  /**
   * `2` when the leaf is chained (docs/adr/0041): its input then also commits to
   * `previousInStream`. Absent for a format-1 leaf.
   */
  readonly leafFormat?: 2;
  /** Format 2: the previous leaf of the event's stream in the log, or `"first"`. */
  readonly previousInStream?: ChainLink;
}

export interface BundleEnd {
  readonly kind: 'end';
  /** How many event lines precede this one: a cut-off bundle has no end line, a spliced one another count. */
  readonly eventCount: number;
  /**
   * `recorded-between` selections: the leaves [first, end) the bundle holds, every one of
   * them; null when nothing was selected. Absent for subject selections.
   */
  readonly leafSpan?: { readonly first: number; readonly end: number } | null;
}

export type BundleLine = BundleHeader | BundleEntry | BundleEnd;
