/**
 * The log appends events in feed order, so along a bundle (in feed order) both the global
 * positions and the leaf indexes must strictly increase: a leaf index that does not follow
 * the positions means events were moved, duplicated or spliced in.
 */
export class FeedOrderCheck {
  private lastPosition: bigint | undefined;
  private lastLeaf: number | undefined;

  /** What is out of order about the next event (nothing when it follows the previous one). */
  next(position: bigint, leafIndex: number | null): string[] {
    const problems: string[] = [];
    if (this.lastPosition !== undefined && position <= this.lastPosition) {
      problems.push(
        `its position does not follow position ${this.lastPosition} of the event before it: the bundle is not in feed order`,
      );
    }
    this.lastPosition = position;
    if (leafIndex === null) return problems;
    if (this.lastLeaf !== undefined && leafIndex <= this.lastLeaf) {
      problems.push(
        `leaf index ${leafIndex} does not follow leaf index ${this.lastLeaf} of the event before it: leaf order and feed order disagree`,
      );
    }
    this.lastLeaf = Math.max(leafIndex, this.lastLeaf ?? leafIndex);
    return problems;
  }
}
