import type { GlobalPosition } from '../../../event-store/event-store.port';

/**
 * Values read from a projection while it stood at one position. A projection's rows only
 * change when its position does, and an answer promises to reflect at least the position
 * read before its rows, so a value read at `position` may serve every read that finds the
 * projection still there. The first read at another position drops everything.
 */
export class PositionStampedCache<Value> {
  private position: GlobalPosition | undefined;
  private readonly values = new Map<string, Value>();

  constructor(private readonly maxValues: number) {}

  /** The value read at `position`, if there is one. */
  get(position: GlobalPosition, key: string): Value | undefined {
    this.moveTo(position);
    return this.values.get(key);
  }

  /**
   * Keeps a value read (after reading `position`) at `position`. When the projection has
   * moved on meanwhile, the value may miss newer rows, so it is not kept.
   */
  set(position: GlobalPosition, key: string, value: Value): void {
    if (position !== this.position) return;
    if (this.values.size >= this.maxValues) this.values.clear();
    this.values.set(key, value);
  }

  private moveTo(position: GlobalPosition): void {
    if (position === this.position) return;
    this.position = position;
    this.values.clear();
  }
}
