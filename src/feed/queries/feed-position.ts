import type { FeedReader } from '../feed-reader';

/** A position to read after that the tenant's feed has not reached (or never will). */
export class FeedPositionBeyondHead extends Error {
  constructor(
    /** The parameter or header that named it. */
    readonly field: string,
    readonly after: number,
    readonly head: number,
  ) {
    super(`${field} must be a position of the feed, at most its head ${head}; got ${after}`);
    this.name = 'FeedPositionBeyondHead';
  }
}

/** The tenant's head, once `after` is known to lie at or before it. */
export async function headAtOrAfter(
  reader: FeedReader,
  tenantId: string,
  after: number,
  field: string,
): Promise<number> {
  const head = await reader.headPosition(tenantId);
  if (after > head) throw new FeedPositionBeyondHead(field, after, head);
  return head;
}
