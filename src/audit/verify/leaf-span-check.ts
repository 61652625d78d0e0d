import type { BundleEnd, BundleSelection } from '../export/export-bundle';

type RangeSelection = Extract<BundleSelection, { kind: 'recorded-between' }>;

interface SeenLeaf {
  readonly leafIndex: number;
  /** Epoch ms of the event's transaction time. */
  readonly recordedAt: number;
}

/**
 * A time-range bundle claims to hold every leaf of a span, from its first event recorded in
 * the range to its last. Collects the leaves seen (in order) to check that claim: no hole,
 * no missing end, ends that lie in the range, and for an open end the log's own end (leaf 0,
 * or the checkpoint's last leaf), so that a whole-log bundle cannot quietly leave any out.
 */
export class LeafSpanCheck {
  private first: SeenLeaf | undefined;
  private last: SeenLeaf | undefined;
  /** Leaf ranges [from, to) skipped between two consecutive events. */
  private readonly skipped: { from: number; to: number }[] = [];

  /** The next event's leaf; one out of order is the feed-order check's to report. */
  add(leafIndex: number, recordedAt: number): void {
    if (this.last !== undefined && leafIndex <= this.last.leafIndex) return;
    if (this.last !== undefined && leafIndex > this.last.leafIndex + 1) {
      this.skipped.push({ from: this.last.leafIndex + 1, to: leafIndex });
    }
    this.first ??= { leafIndex, recordedAt };
    this.last = { leafIndex, recordedAt };
  }

  /** What keeps the bundle from holding exactly the span it claims (nothing when it does). */
  problems(
    span: BundleEnd['leafSpan'],
    selection: RangeSelection,
    treeSize: bigint | undefined,
  ): string[] {
    if (span === undefined) return ['the end line of a time-range bundle names no leaf span'];
    if (span === null) {
      if (this.first !== undefined) {
        return ['the end line claims that nothing was selected, but events precede it'];
      }
      const wholeLog = selection.from === null && selection.to === null;
      return wholeLog && treeSize !== undefined && treeSize > 0n
        ? [
            `the bundle claims the whole log holds nothing, but its checkpoint has ${treeSize} leaves`,
          ]
        : [];
    }
    const problems: string[] = [];
    const { first, last } = this;
    if (first?.leafIndex !== span.first) {
      problems.push(`leaf ${span.first}, the first of the span, is missing from the bundle`);
    }
    if (last?.leafIndex !== span.end - 1) {
      problems.push(`leaf ${span.end - 1}, the last of the span, is missing from the bundle`);
    }
    for (const { from, to } of this.skipped) {
      problems.push(
        to - from === 1
          ? `leaf ${from} of the span is missing from the bundle (its event is gone from the store)`
          : `leaves ${from} to ${to - 1} of the span are missing from the bundle (their events are gone from the store)`,
      );
    }
    problems.push(...this.endProblems(span, selection, treeSize));
    return problems;
  }

  private endProblems(
    span: { readonly first: number; readonly end: number },
    selection: RangeSelection,
    treeSize: bigint | undefined,
  ): string[] {
    const problems: string[] = [];
    const from = selection.from === null ? undefined : Date.parse(selection.from);
    const to = selection.to === null ? undefined : Date.parse(selection.to);
    if (from === undefined && span.first !== 0) {
      problems.push(
        `the range is open at its start, but the span starts at leaf ${span.first}, not 0`,
      );
    }
    if (to === undefined && treeSize !== undefined && BigInt(span.end) !== treeSize) {
      problems.push(
        `the range is open at its end, but the span ends at leaf ${span.end - 1}, not at the checkpoint's last leaf ${treeSize - 1n}`,
      );
    }
    const outside = (at: number) =>
      (from !== undefined && at < from) || (to !== undefined && at >= to);
    if (this.first?.leafIndex === span.first && outside(this.first.recordedAt)) {
      problems.push(`leaf ${span.first}, the first of the span, was not recorded in the range`);
    }
    if (this.last?.leafIndex === span.end - 1 && outside(this.last.recordedAt)) {
      problems.push(`leaf ${span.end - 1}, the last of the span, was not recorded in the range`);
    }
    return problems;
  }
}
