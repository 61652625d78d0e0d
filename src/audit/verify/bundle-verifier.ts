import { policyStream, subjectStream } from '../../shared/tenancy/stream-names';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BundleEnd, BundleHeader, BundleSelection } from '../export/export-bundle';
import { logOfEvent } from '../log/log-of-event';
import type { Checkpoint } from '../note/checkpoint';
import type { NoteVerifier } from '../note/note-keys';
import { entryName, isObject, parseEntry } from './bundle-entry';
import { parseHeader } from './bundle-header';
import { checkCheckpoint } from './checkpoint-check';
import { FeedOrderCheck } from './feed-order-check';
import { LeafSpanCheck } from './leaf-span-check';
import { compareFlowWindows } from './flow-windows-comparison';
import { replayFlowWindows } from './flow-windows-replay';
import { checkLeaf } from './leaf-check';
import { ChainCheck, type ChainSummary, hexOf } from './chain-check';
import { eventConcern, type VerificationFailure } from './verification-failure';

export interface VerificationSummary {
  readonly failures: number;
  /** Event lines read. */
  readonly events: number;
  readonly origin: string;
  readonly treeSize?: bigint;
  readonly selection: BundleSelection;
  /** Combinations whose flow windows were re-derived (subject bundles). */
  readonly combinations?: number;
  /**
   * The streams of the bundle, and how many of them provably lack no event before their
   * last one in the bundle (docs/adr/0041). Whether events after it were left out is not
   * known yet: that needs checkpoints that commit to stream heads (issue #18 item 2).
   */
  readonly chains: ChainSummary;
}

/**
 * Verifies a bundle line by line, as it is read, so that any size fits in memory (only a
 * subject bundle's events are kept, to replay them). Every failure goes to `onFailure` at
 * once; nothing stops at the first. Needs only the bundle and the log's verifier key.
 */
export class BundleVerifier {
  private readonly header: BundleHeader;
  private readonly checkpoint: Checkpoint | undefined;
  private readonly order = new FeedOrderCheck();
  private readonly span = new LeafSpanCheck();
  private readonly chains = new ChainCheck();
  private readonly replayed: RecordedEvent[] = [];
  private end: BundleEnd | undefined;
  private lineNumber = 1;
  private events = 0;
  private failures = 0;

  /** Throws `UnusableInputError` when the first line is not a header this verifier reads. */
  constructor(
    firstLine: string | undefined,
    key: NoteVerifier,
    private readonly onFailure: (failure: VerificationFailure) => void,
  ) {
    this.header = parseHeader(firstLine);
    const checked = checkCheckpoint(this.header, key);
    checked.failures.forEach((failure) => this.fail(failure));
    this.checkpoint = checked.checkpoint;
  }

  /** The next line of the bundle (without its newline). */
  line(text: string): void {
    this.lineNumber += 1;
    const concerns = `line ${this.lineNumber}`;
    if (this.end !== undefined) {
      this.fail({ concerns, message: 'a line follows the end line' });
      return;
    }
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      this.fail({ concerns, message: 'not a JSON object' });
      return;
    }
    if (isObject(line) && line.kind === 'event') this.event(line);
    else if (isObject(line) && line.kind === 'end') this.end = line as unknown as BundleEnd;
    else this.fail({ concerns, message: 'neither an event line nor the end line' });
  }

  /** Checks what needs the whole bundle: its end line, span or flow windows. */
  finish(): VerificationSummary {
    const bundle = (message: string) => this.fail({ concerns: 'bundle', message });
    const { selection } = this.header;
    if (this.end === undefined) {
      bundle('the bundle has no end line: it was cut off');
    } else if (this.end.eventCount !== this.events) {
      bundle(`the end line counts ${this.end.eventCount} events, the bundle holds ${this.events}`);
    }
    let combinations: number | undefined;
    if (selection.kind === 'recorded-between' && this.end !== undefined) {
      this.span.problems(this.end.leafSpan, selection, this.checkpoint?.size).forEach(bundle);
    }
    // A range starts mid-log: its streams rightly link to leaves before it.
    const spanFirst = selection.kind === 'recorded-between' ? this.end?.leafSpan?.first : undefined;
    const chains = this.chains.finish(spanFirst);
    chains.failures.forEach((failure) => this.fail(failure));
    if (selection.kind === 'subject') combinations = this.checkFlowWindows(selection.subjectId);
    return {
      failures: this.failures,
      events: this.events,
      origin: this.header.origin,
      selection,
      ...(this.checkpoint ? { treeSize: this.checkpoint.size } : {}),
      ...(combinations !== undefined ? { combinations } : {}),
      chains: chains.summary,
    };
  }

  private event(line: Record<string, unknown>): void {
    this.events += 1;
    const name = entryName(line);
    const concerns = eventConcern(name.id, name.position);
    const entry = parseEntry(line);
    if ('problems' in entry) {
      entry.problems.forEach((message) => this.fail({ concerns, message }));
      return;
    }
    const leaf = checkLeaf(entry, this.checkpoint);
    const problems = [
      ...this.order.next(entry.event.globalPosition, entry.leafIndex),
      ...leaf.problems,
    ];
    if (entry.leafIndex !== null && leaf.leafHash !== undefined) {
      problems.push(
        ...this.chains.next({
          concerns,
          streamName: entry.event.streamName,
          leafIndex: entry.leafIndex,
          leafHash: hexOf(leaf.leafHash),
          link: entry.link,
        }),
      );
    }
    if (entry.leafIndex !== null) this.span.add(entry.leafIndex, entry.event.recordedAt.getTime());
    const log = logOfEvent(entry.event);
    if (log !== this.header.tenant) {
      problems.push(`it belongs to the log ${log}, not to the tenant ${this.header.tenant}`);
    }
    const { selection, tenant } = this.header;
    if (selection.kind === 'subject') {
      const streams = [subjectStream(tenant, selection.subjectId), policyStream(tenant)];
      if (!streams.includes(entry.event.streamName)) {
        problems.push("it is in neither the subject's stream nor the tenant's policy stream");
      }
      this.replayed.push(entry.event);
    }
    problems.forEach((message) => this.fail({ concerns, message }));
  }

  /** Replays the subject and compares; the number of combinations re-derived. */
  private checkFlowWindows(subjectId: string): number | undefined {
    const concerns = 'flow windows';
    const claimed = this.header.flowWindows;
    if (claimed === undefined) {
      this.fail({
        concerns,
        message: 'a subject bundle must claim flow windows; this one does not',
      });
      return undefined;
    }
    const replay = replayFlowWindows(this.header.tenant, subjectId, this.replayed);
    replay.problems.forEach((message) => this.fail({ concerns, message }));
    if (replay.windows === undefined) return undefined;
    compareFlowWindows(claimed, replay.windows).forEach((failure) => this.fail(failure));
    return replay.windows.length;
  }

  private fail(failure: VerificationFailure): void {
    this.failures += 1;
    this.onFailure(failure);
  }
}
