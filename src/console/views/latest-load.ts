import { loadInto, type Loadable } from './problem-template';

/**
 * The state of the latest of several loads a form may start: an answer that arrives after
 * a newer load began, or after `clear()`, is dropped.
 */
export class LatestLoad<T> {
  private current: Loadable<T> | undefined;
  private generation = 0;

  constructor(private readonly changed: () => void) {}

  get state(): Loadable<T> | undefined {
    return this.current;
  }

  clear(): void {
    this.generation += 1;
    this.current = undefined;
  }

  start(load: () => Promise<T>): void {
    this.clear();
    const generation = this.generation;
    void loadInto(load, (state) => {
      if (generation !== this.generation) return;
      this.current = state;
      this.changed();
    });
  }
}
