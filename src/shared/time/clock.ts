/** The service's clock, injected so tests can fix "now". Epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => Date.now() };
